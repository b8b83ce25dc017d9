/** The skills spine: a pure core (no I/O, no clock). See each module for details. */
export * from './model.js'
export * from './defaults.js'
export * from './tree.js'
export * from './taxonomy.js'
export * from './urls.js'
export * from './case.js'
export * from './alignment.js'
export * from './coverage.js'

// Pathways core, pure: requirement trees (types + validation), the evaluator, next steps, recommendation scoring.
export * from './duration.js'
export * from './tree.js'
export * from './evaluate.js'
export * from './recommend.js'
export * from './narrative.js'

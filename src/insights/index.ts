// Insights core, pure: disclosure control for published insight tables.
export * from './disclosure.js'

export * from './codes.js';
export * from './vir-error.js';
export * from './handlers.js';

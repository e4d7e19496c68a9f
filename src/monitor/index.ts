/**
 * The monitor room: pure computations over frames (quality, drift, performance, thresholds to status).
 * Imports only `config`. Other rooms import from here, never from the files inside.
 */
export * from './drift/index.js';
export * from './fleet.js';
export * from './frame/index.js';
export * from './logs/index.js';
export * from './performance/index.js';
export * from './quality/index.js';
export { finitePart, SortedColumns } from './sorted-columns.js';
export * from './status.js';

export * from './actions';
export * from './state';
export * from './menu';
export * from './status';
export * from './time-left';
export * from './from-snapshot';
export * from './run-action';
export * from './window-position';

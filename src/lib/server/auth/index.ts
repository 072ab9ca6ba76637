export * from './password';
export * from './session';
export * from './throttle';
export * from './users';
export * from './cookie';
export * from './login';

// The server host's face (the `server` build entry): start a server over an engine.
export { startServer, rpcPath, type RunningServer, type ServerOptions } from './start-server';
export { isLoopbackHost } from './access';
export { httpStatusOf } from './error-status';
export { defaultRendererDir, defaultResourcesDir, packageRoot } from './package-root';

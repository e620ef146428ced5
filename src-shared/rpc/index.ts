export { rpcIpcChannelName, type RpcChannel } from './channel';
export type { TwinbenchBridge } from './bridge';
export { parseRequest, parseResponse, type Parsed, type RpcRequest, type RpcResponse } from './messages';
export { createProxy, type RpcProxy } from './proxy';
export { createDispatcher, type DispatcherOptions } from './dispatcher';

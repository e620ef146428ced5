import type { EndpointDefinition } from '../../../../src-shared/contract';
import { fileEndpoint } from './file-endpoint';
import { webhookEndpoint, type RetryPolicy } from './webhook-endpoint';

/** A routed event as endpoints receive it: ADT's CloudEvents shape. */
export type RoutedEvent = Readonly<Record<string, unknown>>;

/** Something events can be delivered to; `deliver` rejects when the event could not be delivered. */
export interface Endpoint {
  deliver(event: RoutedEvent): Promise<void>;
}

/** How endpoints behave: retries, and where files resolve from. */
export interface EndpointOptions {
  readonly retry: RetryPolicy;
  /** Relative file endpoint paths are inside this folder (the workspace). */
  readonly root: string;
}

/** The endpoint a definition describes. */
export function openEndpoint(definition: EndpointDefinition, options: EndpointOptions): Endpoint {
  return definition.type === 'webhook' ? webhookEndpoint(definition.url, definition.headers ?? {}, options.retry) : fileEndpoint(definition.path, options.root);
}

import type { EndpointDefinition } from '../../../../src-shared/contract';
import { fileEndpoint } from './file-endpoint';
import { mqttEndpoint } from './mqtt-endpoint';
import { webhookEndpoint, type RetryPolicy } from './webhook-endpoint';

/** A routed event as endpoints receive it: ADT's CloudEvents shape. */
export type RoutedEvent = Readonly<Record<string, unknown>>;

/** Something events can be delivered to; `deliver` rejects when the event could not be delivered. */
export interface Endpoint {
  deliver(event: RoutedEvent): Promise<void>;
  /** Releases what the endpoint holds open (a broker connection) when it is replaced or removed. */
  close?(): Promise<void>;
}

/** How endpoints behave: retries, and where files resolve from. */
export interface EndpointOptions {
  readonly retry: RetryPolicy;
  /** Relative file endpoint paths are inside this folder (the workspace). */
  readonly root: string;
}

/** The endpoint a definition describes. */
export function openEndpoint(definition: EndpointDefinition, options: EndpointOptions): Endpoint {
  switch (definition.type) {
    case 'webhook':
      return webhookEndpoint(definition.url, definition.headers ?? {}, options.retry);
    case 'file':
      return fileEndpoint(definition.path, options.root);
    case 'mqtt':
      return mqttEndpoint({ ...definition, qos: definition.qos ?? 1, timeoutMs: options.retry.timeoutMs });
  }
}

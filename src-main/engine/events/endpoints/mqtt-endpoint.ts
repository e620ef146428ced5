import { connect, type MqttClient } from 'mqtt';
import type { Endpoint, RoutedEvent } from './endpoint';

/** What the MQTT endpoint needs: the broker, the topic template, the QoS, credentials. */
export interface MqttEndpointOptions {
  readonly url: string;
  readonly topic: string;
  readonly qos: 0 | 1;
  readonly username?: string;
  readonly password?: string;
  /** How long one publish may wait for the broker before it counts as failed. */
  readonly timeoutMs: number;
}

/** The topic of one event: `{type}`, `{subject}` and `{source}` replaced by its fields, with MQTT wildcards made harmless. */
export function eventTopic(template: string, event: RoutedEvent): string {
  return template.replace(/\{(type|subject|source)\}/g, (_, field: string) => String(event[field] ?? '').replace(/[+#]/g, '_'));
}

/**
 * Publishes each event as a structured CloudEvent (JSON) to a broker. One connection per
 * endpoint, opened on first use and kept (mqtt.js reconnects it); a publish the broker has not
 * taken within the timeout fails, so the dispatcher dead-letters the event.
 */
export function mqttEndpoint(options: MqttEndpointOptions): Endpoint & { close(): Promise<void> } {
  let client: MqttClient | null = null;
  const open = () =>
    (client ??= connect(options.url, {
      reconnectPeriod: 2_000,
      connectTimeout: options.timeoutMs,
      ...(options.username !== undefined ? { username: options.username } : {}),
      ...(options.password !== undefined ? { password: options.password } : {}),
    }).on('error', () => undefined));
  return {
    deliver: async (event: RoutedEvent) => {
      const body = JSON.stringify(event);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${options.url}: the broker did not take the event within ${options.timeoutMs} ms`)), options.timeoutMs);
      });
      try {
        await Promise.race([open().publishAsync(eventTopic(options.topic, event), body, { qos: options.qos }), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: async () => {
      const closing = client;
      client = null;
      await closing?.endAsync(true);
    },
  };
}

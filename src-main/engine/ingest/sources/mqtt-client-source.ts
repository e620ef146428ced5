import { connect } from 'mqtt';
import { EngineError, ErrorCode, type SourceDefinition } from '../../../../src-shared/contract';
import { MessageBatcher } from './message-batcher';
import { deviceOfTopic, messageFromMqtt, topicPattern } from './mqtt-topics';
import type { RunningSource, SourceContext } from './running-source';
import { SourceCounters } from './source-counters';

type ClientDefinition = Extract<SourceDefinition, { type: 'mqtt-client' }>;

/** Checks an MQTT broker address: mqtt, mqtts, ws or wss. */
export function checkBrokerUrl(value: unknown, where: string): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new EngineError(ErrorCode.InvalidArgument, `${where}: "url" must be a broker address such as mqtt://localhost:1883.`, { url: value });
  }
  if (!['mqtt:', 'mqtts:', 'ws:', 'wss:'].includes(url.protocol)) throw new EngineError(ErrorCode.InvalidArgument, `${where}: "url" must start with mqtt://, mqtts://, ws:// or wss://.`, { url: value });
  return url.toString();
}

/**
 * A client of an external broker, subscribed with QoS 1 to the source's topic patterns. Its
 * session is persistent (a fixed client id, clean = false), and a message is acknowledged only
 * after its reading is durable, so the broker redelivers whatever was not stored. A lost
 * connection is counted, reported and retried every two seconds.
 */
export function startMqttClient(definition: ClientDefinition, context: SourceContext): Promise<RunningSource> {
  const patterns = definition.topics.map(topicPattern);
  const counters = new SourceCounters();
  const batcher = new MessageBatcher(context.apply, counters);
  let reconnects = 0;
  let running = true;
  const client = connect(definition.url, {
    clientId: definition.clientId ?? `twinbench-${definition.name}`,
    clean: false,
    reconnectPeriod: 2_000,
    connectTimeout: 10_000,
    ...(definition.username !== undefined ? { username: definition.username } : {}),
    ...(definition.password !== undefined ? { password: definition.password } : {}),
  });
  // mqtt.js sends a QoS 1 PUBACK when handleMessage calls back, so it calls back once the reading is durable.
  client.handleMessage = (packet, callback) => {
    const deviceId = deviceOfTopic(patterns, packet.topic);
    if (deviceId === undefined) return callback();
    const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
    batcher.push(messageFromMqtt(deviceId, payload), (error) => {
      if (!error) return callback();
      // Not acknowledged: drop the connection so the broker redelivers it to the session.
      client.stream?.destroy();
    });
  };
  client.on('connect', () => {
    client.subscribe(
      patterns.map((pattern) => pattern.filter),
      { qos: 1 },
      (error) => error && counters.failed('connection', `Could not subscribe at ${definition.url}: ${error.message}`),
    );
  });
  client.on('reconnect', () => reconnects++);
  client.on('offline', () => running && counters.failed('connection', `Lost the connection to ${definition.url}; reconnecting.`));
  client.on('error', (error) => counters.failed('connection', `${definition.url}: ${error.message}`));
  return Promise.resolve({
    counters,
    details: () => ({ address: definition.url, connected: client.connected, reconnects }),
    isRunning: () => running,
    stop: async () => {
      if (!running) return;
      running = false;
      await batcher.drained();
      await client.endAsync();
    },
  });
}

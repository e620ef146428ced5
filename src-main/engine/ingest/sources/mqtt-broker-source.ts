import { Aedes } from 'aedes';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { EngineError, ErrorCode, type SourceDefinition } from '../../../../src-shared/contract';
import { MessageBatcher } from './message-batcher';
import { defaultDeviceTopic, deviceOfTopic, messageFromMqtt, topicPattern } from './mqtt-topics';
import type { RunningSource, SourceContext } from './running-source';
import { SourceCounters } from './source-counters';

type BrokerDefinition = Extract<SourceDefinition, { type: 'mqtt-broker' }>;

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      reject(new EngineError(ErrorCode.Unavailable, `The MQTT broker cannot listen on ${host}:${port}: ${error.code === 'EADDRINUSE' ? 'the port is taken' : error.message}.`, { host, port }));
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/**
 * An embedded MQTT broker (aedes) for devices. A publish on a device topic is stored through the
 * device's binding before the broker answers it, so a QoS 1 PUBACK means the reading is durable;
 * a store failure leaves it unanswered (the client is disconnected and resends). Other topics
 * pass through as on any broker, so dashboards can subscribe.
 */
export async function startMqttBroker(definition: BrokerDefinition, context: SourceContext): Promise<RunningSource> {
  const patterns = (definition.topics ?? [defaultDeviceTopic]).map(topicPattern);
  const counters = new SourceCounters();
  const batcher = new MessageBatcher(context.apply, counters);
  // Store failures are already counted; the disconnection they cause is not a second error.
  const refused = new WeakSet<Error>();
  const broker = await Aedes.createBroker({
    authorizePublish: (client, packet, callback) => {
      const deviceId = client ? deviceOfTopic(patterns, packet.topic) : undefined;
      if (deviceId === undefined) return callback(null);
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      batcher.push(messageFromMqtt(deviceId, payload), (error) => {
        if (error) refused.add(error);
        callback(error);
      });
    },
  });
  broker.on('clientError', (client, error) => {
    if (!refused.has(error)) counters.failed('connection', `MQTT client ${client.id}: ${error.message}`);
  });
  const server = createServer(broker.handle);
  const host = definition.host ?? '127.0.0.1';
  try {
    await listen(server, definition.port, host);
  } catch (error) {
    await new Promise<void>((resolve) => broker.close(() => resolve()));
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  let running = true;
  return {
    counters,
    details: () => ({ address: `mqtt://${host.includes(':') ? `[${host}]` : host}:${port}` }),
    isRunning: () => running,
    stop: async () => {
      if (!running) return;
      running = false;
      await batcher.drained();
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

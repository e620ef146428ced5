import { connectAsync } from 'mqtt';
import { describe, expect, it } from 'vitest';
import type { DeviceMessage, MessageOutcome } from '../../../src-main/engine/ingest/device-pipeline';
import { startMqttBroker } from '../../../src-main/engine/ingest/sources/mqtt-broker-source';

describe('QoS 1 on the embedded broker', () => {
  it('is not acknowledged when the reading cannot be stored, and is acknowledged once it can', async () => {
    let failing = true;
    const stored: DeviceMessage[] = [];
    const apply = async (messages: readonly DeviceMessage[]): Promise<MessageOutcome[]> => {
      if (failing) throw new Error('the disk is full');
      stored.push(...messages);
      return messages.map(() => ({ ok: true, receipt: { twinId: 't', telemetry: 1, properties: 0, ignored: [] } }));
    };
    const source = await startMqttBroker({ name: 'b', type: 'mqtt-broker', port: 0 }, { apply, root: '.' });
    try {
      const url = source.details().address!;
      const device = await connectAsync(url, { clientId: 'dev', clean: false, reconnectPeriod: 0 });
      const closed = new Promise<void>((resolve) => device.once('close', () => resolve()));
      let acknowledged = false;
      void device.publishAsync('devices/d1/messages', JSON.stringify({ t: 1 }), { qos: 1 }).then(
        () => (acknowledged = true),
        () => undefined,
      );
      await closed;
      expect(acknowledged).toBe(false);
      expect(source.counters.snapshot()).toMatchObject({ messages: 0, errors: 1, reasons: { storeFailed: 1 }, lastError: 'Could not store the reading: the disk is full' });
      await device.endAsync(true);

      failing = false;
      const again = await connectAsync(url, { clientId: 'dev2', reconnectPeriod: 0 });
      await again.publishAsync('devices/d1/messages', JSON.stringify({ t: 2 }), { qos: 1 });
      expect(stored.map((message) => message.payload)).toEqual([{ t: 2 }]);
      await again.endAsync(true);
    } finally {
      await source.stop();
    }
  });
});

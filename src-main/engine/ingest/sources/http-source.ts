import type { DeviceMessage, MessageOutcome } from '../device-pipeline';
import { MessageBatcher } from './message-batcher';
import type { RunningSource, SourceContext } from './running-source';
import { SourceCounters } from './source-counters';

/** The path of the server host's device endpoint. */
export const deviceEndpointPath = '/devices/{deviceId}/messages';

/** A running HTTP source also takes messages, one request each. */
export interface HttpSource extends RunningSource {
  /** Stores one message (batched with concurrent requests); settles once it is durable or refused. */
  receive(message: DeviceMessage): Promise<MessageOutcome>;
}

/** An HTTP device source: the server host's device endpoint hands it messages while it runs. */
export function startHttpSource(context: SourceContext): HttpSource {
  const counters = new SourceCounters();
  const batcher = new MessageBatcher(context.apply, counters);
  let running = true;
  return {
    counters,
    details: () => ({ address: deviceEndpointPath }),
    isRunning: () => running,
    receive: (message) => new Promise((resolve, reject) => batcher.push(message, (error, outcome) => (error ? reject(error) : resolve(outcome!)))),
    stop: async () => {
      running = false;
      await batcher.drained();
    },
  };
}

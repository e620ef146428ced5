import type { SourceStatus } from '../../../../src-shared/contract';
import type { DeviceMessage, MessageOutcome } from '../device-pipeline';
import type { SourceCounters } from './source-counters';

/** A started source: its counters, what its status adds, and how to stop it. */
export interface RunningSource {
  readonly counters: SourceCounters;
  /** Fields of the status only this kind of source has (address, connection, progress). */
  details(): Partial<SourceStatus>;
  /** False once a source ends on its own (a replay reached the end of its file). */
  isRunning(): boolean;
  stop(): Promise<void>;
}

/** What every source needs from the engine. */
export interface SourceContext {
  /** Stores a batch of device messages; settles when the accepted readings are durable. */
  readonly apply: (messages: readonly DeviceMessage[]) => Promise<MessageOutcome[]>;
  /** Relative replay paths resolve from the workspace folder. */
  readonly root: string;
}

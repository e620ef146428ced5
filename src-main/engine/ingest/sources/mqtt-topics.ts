import { EngineError, ErrorCode } from '../../../../src-shared/contract';
import type { DeviceMessage } from '../device-pipeline';

/** The topic devices publish to when a source names none. */
export const defaultDeviceTopic = 'devices/{deviceId}/messages';

/** A topic pattern with one `{deviceId}` level: its MQTT subscription and a matcher that names the device. */
export interface TopicPattern {
  readonly pattern: string;
  /** The MQTT topic filter to subscribe to (`{deviceId}` becomes `+`). */
  readonly filter: string;
  /** The device id a topic names, or undefined when the topic does not match. */
  match(topic: string): string | undefined;
}

/** Parses a topic pattern such as `site/+/devices/{deviceId}/telemetry`; a clear error when it is not one. */
export function topicPattern(pattern: unknown): TopicPattern {
  const fail = (why: string) => new EngineError(ErrorCode.InvalidArgument, `Topic pattern ${JSON.stringify(pattern)}: ${why}.`, { pattern });
  if (typeof pattern !== 'string' || pattern === '') throw fail('a pattern is a non-empty string such as devices/{deviceId}/messages');
  const levels = pattern.split('/');
  const device = levels.indexOf('{deviceId}');
  if (device < 0 || levels.lastIndexOf('{deviceId}') !== device) throw fail('it must have exactly one level that is {deviceId}');
  levels.forEach((level, i) => {
    if (level === '#' && i !== levels.length - 1) throw fail('"#" may only be the last level');
    if (level !== '#' && level !== '+' && level !== '{deviceId}' && /[+#{}]/.test(level)) throw fail(`the level "${level}" mixes wildcards or braces with text`);
  });
  const filter = levels.map((level) => (level === '{deviceId}' ? '+' : level)).join('/');
  const multi = levels.at(-1) === '#';
  return {
    pattern,
    filter,
    match(topic: string): string | undefined {
      const parts = topic.split('/');
      if (multi ? parts.length < levels.length - 1 : parts.length !== levels.length) return undefined;
      for (let i = 0; i < levels.length; i++) {
        const level = levels[i]!;
        if (level === '#') break;
        if (level !== '+' && level !== '{deviceId}' && level !== parts[i]) return undefined;
      }
      const id = parts[device];
      return id === undefined || id === '' ? undefined : id;
    },
  };
}

/** The device a topic names under any of the patterns. */
export function deviceOfTopic(patterns: readonly TopicPattern[], topic: string): string | undefined {
  for (const pattern of patterns) {
    const id = pattern.match(topic);
    if (id !== undefined) return id;
  }
  return undefined;
}

/**
 * A device message from an MQTT payload: a UTF-8 JSON object of field → value, where the optional
 * `$sourceTime` and `$messageId` members carry the device's clock and message id. Undefined
 * payload means the bytes are not JSON.
 */
export function messageFromMqtt(deviceId: string, bytes: Uint8Array): DeviceMessage {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return { deviceId, payload: undefined };
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || !('$sourceTime' in payload || '$messageId' in payload)) return { deviceId, payload };
  const { $sourceTime, $messageId, ...fields } = payload as Record<string, unknown>;
  return {
    deviceId,
    payload: fields,
    ...(typeof $sourceTime === 'string' ? { sourceTime: $sourceTime } : {}),
    ...(typeof $messageId === 'string' ? { messageId: $messageId } : {}),
  };
}

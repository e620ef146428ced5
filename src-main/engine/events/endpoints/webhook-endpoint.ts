import type { Endpoint, RoutedEvent } from './endpoint';

/** How often and how patiently a webhook is retried before the event is dead-lettered. */
export interface RetryPolicy {
  /** Waits before each retry, in milliseconds; its length is the number of retries. */
  readonly delaysMs: readonly number[];
  /** How long one attempt may take. */
  readonly timeoutMs: number;
}

/** The default: three retries after 1, 5 and 30 seconds; 10 seconds per attempt. */
export const defaultRetryPolicy: RetryPolicy = { delaysMs: [1_000, 5_000, 30_000], timeoutMs: 10_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POSTs each event as a structured CloudEvent (`application/cloudevents+json`). A 2xx answer is
 * delivery; anything else, or no answer in time, is retried with the policy's delays, and then
 * the delivery fails with the last reason.
 */
export function webhookEndpoint(url: string, headers: Readonly<Record<string, string>>, retry: RetryPolicy): Endpoint {
  const attempt = async (body: string): Promise<string | null> => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/cloudevents+json; charset=utf-8', ...headers },
        body,
        signal: AbortSignal.timeout(retry.timeoutMs),
      });
      await response.body?.cancel();
      return response.ok ? null : `HTTP ${response.status} ${response.statusText}`;
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? `no answer within ${retry.timeoutMs} ms` : (error as Error).message;
    }
  };
  return {
    deliver: async (event: RoutedEvent) => {
      const body = JSON.stringify(event);
      let reason = await attempt(body);
      for (const delay of retry.delaysMs) {
        if (reason === null) return;
        await sleep(delay);
        reason = await attempt(body);
      }
      if (reason !== null) throw new Error(`${url}: ${reason} after ${retry.delaysMs.length + 1} attempts`);
    },
  };
}

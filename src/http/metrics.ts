// Prometheus metrics (prom-client): jobs by state and queue depth read at scrape time; provider
// latency, deliveries and refunds counted as they happen; Node's process metrics.

import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

export interface MetricSources {
  jobsByState(): Promise<Record<string, number>>;
  queueDepth(): Promise<number>;
}

export class Metrics {
  readonly registry = new Registry();
  readonly providerLatency: Histogram<"provider" | "call">;
  readonly deliveries: Counter<"provider">;
  readonly refunds: Counter<"reason">;

  constructor(sources: MetricSources) {
    const registry = this.registry;
    // Node's own: CPU, resident memory, heap, event-loop lag, GC, handles (prom-client's defaults).
    collectDefaultMetrics({ register: registry });
    new Gauge({
      name: "framecast_jobs",
      help: "Jobs by state",
      labelNames: ["state"],
      registers: [registry],
      async collect() {
        this.reset();
        for (const [state, n] of Object.entries(await sources.jobsByState())) this.set({ state }, n);
      },
    });
    new Gauge({
      name: "framecast_queue_depth",
      help: "Job steps waiting on the queue",
      registers: [registry],
      async collect() {
        this.set(await sources.queueDepth());
      },
    });
    this.providerLatency = new Histogram({
      name: "framecast_provider_seconds",
      help: "Provider call latency",
      labelNames: ["provider", "call"],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    });
    this.deliveries = new Counter({
      name: "framecast_deliveries_total",
      help: "Videos delivered",
      labelNames: ["provider"],
      registers: [registry],
    });
    this.refunds = new Counter({
      name: "framecast_refunds_total",
      help: "Jobs refunded",
      labelNames: ["reason"],
      registers: [registry],
    });
  }
}

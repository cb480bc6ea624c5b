/**
 * What GET /__admin/metrics serves: Prometheus' text format, from whoever collects (the Node
 * adapter's prom-client registry). The engine only routes to it; a mock without one has no such route.
 */
export interface MetricsEndpoint {
  render(): Promise<{ contentType: string; text: string }>;
}

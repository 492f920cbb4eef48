import type { Ajv } from 'ajv'

/**
 * ajv, loaded on demand. Evaluating its modules is about 15 ms of CPU and compiling a schema 40 to 80 ms
 * more, and most runs validate nothing: a scan without a config file, an Action run that is not the
 * publishing half of the fork-safe recipe. A static import would evaluate ajv at every start.
 */
export async function loadAjv(): Promise<typeof Ajv> {
  // Eager: the bundler keeps ajv in the bundle (no chunk file of its own) and evaluates it only here.
  const loaded = await import(/* webpackMode: "eager" */ 'ajv')
  // ajv is CommonJS and its exports are the Ajv class itself: Node and the bundler both hand that over
  // as `default` (the bundler makes no named exports of a function's properties).
  return (loaded.default as unknown as { Ajv: typeof Ajv }).Ajv
}

import { setFlagsFromString } from 'node:v8'

/**
 * V8's optimising tier recompiles the 1.3 MB shell grammar (its lexer above all) in the background: CPU a
 * scan rarely earns back and, on Node 24, about 450 MB of memory while it compiles (the real-world corpus:
 * peak RSS 620 MB against 180 MB; benchmark tree on Node 20: 8.4 s of CPU down to 6.8 s). The baseline
 * compiler is enough. Set at run time, `--liftoff-only` alone is not enough from V8 12 on: the flags it
 * implies are derived when V8 starts, so they are set too (Node 20 accepts all three).
 * Call before the grammar is compiled.
 */
export function useBaselineWasmCompiler(): void {
  setFlagsFromString('--liftoff-only')
  setFlagsFromString('--no-wasm-tier-up')
  setFlagsFromString('--no-wasm-dynamic-tiering')
}

import './shell/dirname-shim.js'
import { setFlagsFromString } from 'node:v8'
import { main } from './cli/main.js'

// V8's optimising tier recompiles the 1.3 MB shell grammar in the background: CPU a scan rarely earns
// back (measured on the benchmark tree: 8.4 s of CPU down to 6.8 s). The baseline compiler is enough.
setFlagsFromString('--liftoff-only')

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`containment: internal error: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exitCode = 2
  }
)

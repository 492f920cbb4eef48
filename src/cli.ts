import './shell/dirname-shim.js'
import { main } from './cli/main.js'

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`containment: internal error: ${error instanceof Error ? error.stack : String(error)}\n`)
    process.exitCode = 2
  }
)

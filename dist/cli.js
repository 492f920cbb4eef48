#!/usr/bin/env node
// The CLI (bundled in cli-main.js). V8 keeps compiled code for it between runs where Node has a compile
// cache (22.1 and later; a directory under the temporary directory, or NODE_COMPILE_CACHE).
import module from 'node:module'
module.enableCompileCache?.()
await import('./cli-main.js')

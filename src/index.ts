import './shell/dirname-shim.js'
import { run } from './action/main.js'

void run()

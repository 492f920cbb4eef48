import type { DockerfileRule } from '../rule.js'
import { DF002 } from './DF002-sudo.js'
import { DF023 } from './DF023-invalid-dockerfile.js'

/** Every Dockerfile rule. A new rule is one file in this folder and one line here. */
export const dockerfileRules: DockerfileRule[] = [DF002, DF023]

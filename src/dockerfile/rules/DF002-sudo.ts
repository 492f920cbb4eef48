import { invocations } from '../../shell/analyze.js'
import { runCommands } from '../model.js'
import { wordRange, type DockerfileRule } from '../rule.js'

export const DF002: DockerfileRule = {
  id: 'DF002',
  slug: 'sudo',
  title: 'sudo in RUN',
  severity: 'high',
  principles: ['P2'],
  rationale:
    'sudo in a build means the image carries sudo and a sudoers policy: any process in the container can become root again.',
  fix: 'Run the step as root (USER root before it, then USER back to the service user) and do not install sudo.',
  equivalents: { hadolint: ['DL3004'], trivy: ['DS-0010'], checkov: ['CKV2_DOCKER_1'], kics: ['8ada6e80-0ade-439e-b176-0b28f6bce35a'] },
  check(model, report) {
    for (const { command } of runCommands(model)) {
      for (const link of invocations(command)) {
        if (link.program !== 'sudo') continue
        report(
          wordRange(model, link.name),
          'RUN invokes "sudo": an image with sudo lets any process in the container become root again. Switch with USER root / USER <app> around the step instead, and do not install sudo.'
        )
      }
    }
  }
}

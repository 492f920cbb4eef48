import { stageChain } from '../copied-files.js'
import { targetStage, type Instruction, type Stage } from '../model.js'
import { startupInstructions } from '../privileges.js'
import type { DockerfileRule } from '../rule.js'

export const DF021: DockerfileRule = {
  id: 'DF021',
  slug: 'healthcheck-missing',
  title: 'No HEALTHCHECK in the final stage',
  severity: 'info',
  principles: ['P8'],
  rationale:
    'Without a HEALTHCHECK the engine cannot tell a hung service from a working one, so nothing restarts or replaces it.',
  fix: 'Add HEALTHCHECK CMD <a cheap probe of the service> to the final stage, or HEALTHCHECK NONE when the orchestrator probes it instead.',
  equivalents: {
    hadolint: ['DL3057'],
    trivy: ['DS-0026'],
    checkov: ['CKV_DOCKER_2'],
    kics: ['b03a748a-542d-44f4-bb86-9199ab4fd2d5'],
    cis: ['4.6']
  },
  check(model, report) {
    const stage = targetStage(model)
    if (!stage || healthcheckOf(stage) || isArtifactStage(stage)) return
    report(
      stage.from.range,
      'The final stage has no HEALTHCHECK: the engine cannot tell a hung service from a working one. Add HEALTHCHECK CMD <probe>, or HEALTHCHECK NONE if the orchestrator checks health itself.'
    )
  }
}

/** The HEALTHCHECK in force, its own or inherited from the stages it is built on (`HEALTHCHECK NONE` counts: a choice). */
function healthcheckOf(stage: Stage): Instruction | undefined {
  for (const current of stageChain(stage)) {
    const own = current.instructions.filter((i) => i.keyword === 'HEALTHCHECK' && !i.onbuild).pop()
    if (own) return own
  }
  return undefined
}

/** `FROM scratch` with nothing to start: an export of build output (`--output`), not a service. */
function isArtifactStage(stage: Stage): boolean {
  const base = stageChain(stage).pop()
  return base?.image.kind === 'scratch' && startupInstructions(stage).length === 0
}

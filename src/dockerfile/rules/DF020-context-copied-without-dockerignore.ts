import { joinPath } from '../../core/workspace.js'
import { copiesFromElsewhere, copyArguments, type PathArgument } from '../arguments.js'
import { contextDirectory } from '../copied-files.js'
import type { DockerfileModel, Instruction } from '../model.js'
import type { DockerfileRule } from '../rule.js'

export const DF020: DockerfileRule = {
  id: 'DF020',
  slug: 'context-copied-without-dockerignore',
  title: 'Whole build context copied without a .dockerignore',
  severity: 'low',
  principles: ['S'],
  rationale:
    'COPY . copies the whole build context: without a .dockerignore, .git, .env files and local credentials end up in the image.',
  fix: 'Add a .dockerignore beside the Dockerfile (or <Dockerfile>.dockerignore) that excludes .git, .env*, keys and build output, or copy only what the image needs.',
  equivalents: {},
  check(model, report, context) {
    const copies = wholeContextCopies(model)
    if (copies.length === 0 || hasDockerignore(model, (path) => context.workspace.exists(path))) return
    const [{ instruction, source }] = copies
    const more = copies.length > 1 ? ` (and ${copies.length - 1} more COPY/ADD of the context in this file)` : ''
    report(
      source.range,
      `${instruction.keyword} "${source.value}" copies the whole build context${more}, and there is no .dockerignore: everything in the directory goes into the image, .git, .env files and local credentials included when they are there. Add a .dockerignore that excludes them, or copy only what the image needs.`
    )
  }
}

function wholeContextCopies(model: DockerfileModel): Array<{ instruction: Instruction; source: PathArgument }> {
  const out: Array<{ instruction: Instruction; source: PathArgument }> = []
  for (const instruction of model.instructions) {
    if ((instruction.keyword !== 'COPY' && instruction.keyword !== 'ADD') || copiesFromElsewhere(instruction)) continue
    const source = copyArguments(model, instruction).sources.find((s) => s.value === '.' || s.value === './')
    if (source) out.push({ instruction, source })
  }
  return out
}

/** `.dockerignore` in the context root (the Dockerfile's directory), or `<Dockerfile name>.dockerignore` beside it. */
function hasDockerignore(model: DockerfileModel, exists: (path: string) => boolean): boolean {
  const directory = contextDirectory(model)
  const name = model.path.slice(model.path.lastIndexOf('/') + 1)
  return [joinPath(directory, '.dockerignore'), joinPath(directory, `${name}.dockerignore`)].some((p) => p !== undefined && exists(p))
}

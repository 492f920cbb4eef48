import { joinedArgument, pathArguments, type PathArgument } from '../arguments.js'
import { declaredWorkdirAt, resolveImagePath } from '../copied-files.js'
import { substitute } from '../image.js'
import type { Instruction } from '../model.js'
import type { DockerfileRule } from '../rule.js'

export const DF017: DockerfileRule = {
  id: 'DF017',
  slug: 'system-dir-workdir-volume',
  title: 'WORKDIR or VOLUME in a kernel file system',
  severity: 'high',
  principles: ['P4'],
  rationale:
    '/proc, /sys, /dev and /boot are the kernel\'s and the host\'s: they are not namespaced, and a volume or working directory there writes over what protects the host.',
  fix: 'Use a directory of the application (/app, /data, /var/lib/<app>) for WORKDIR and VOLUME.',
  equivalents: { trivy: ['DS-0030'] },
  check(model, report) {
    for (const instruction of model.instructions) {
      const paths = instruction.keyword === 'WORKDIR' ? [joinedArgument(model, instruction)] : instruction.keyword === 'VOLUME' ? pathArguments(model, instruction) : []
      for (const path of paths) {
        const system = path && systemDirectory(instruction, path)
        if (!path || !system) continue
        report(
          path.range,
          `${instruction.keyword} "${path.value}" is in ${system}, a kernel file system that is not namespaced: a ${instruction.keyword === 'VOLUME' ? 'volume' : 'working directory'} there exposes or overwrites the host's. Use an application directory such as /app or /data.`
        )
      }
    }
  }
}

const SYSTEM_DIRECTORIES = new Set(['proc', 'sys', 'dev', 'boot'])

/** `/proc` when the path's first component is a system directory (`/proc/x`, `/./sys`), not a prefix (`/devices`). */
function systemDirectory(instruction: Instruction, path: PathArgument): string | undefined {
  const value = substitute(path.value, (name) => instruction.stage?.variables.get(name))
  if (value === undefined || value === '' || /^[A-Za-z]:[\\/]/.test(value)) return undefined
  // A relative WORKDIR continues the one before it; after the base image's own (unknown) it is not judged.
  const base = value.startsWith('/') ? '/' : instruction.keyword === 'WORKDIR' ? declaredWorkdirAt(instruction) : undefined
  if (!base) return undefined
  const absolute = resolveImagePath(base, value)
  const first = resolveImagePath('/', absolute).split('/')[1] ?? ''
  return SYSTEM_DIRECTORIES.has(first) ? `/${first}` : undefined
}

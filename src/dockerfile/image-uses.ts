import { flagOptions } from './arguments.js'
import { resolveImage, type DockerfileModel, type ImageReference, type Instruction } from './model.js'

/** Every place a Dockerfile pulls an image: FROM, `COPY --from=<image>`, `RUN --mount=…,from=<image>`. */
export interface ImageUse {
  reference: ImageReference
  instruction: Instruction
  /** How the file names it, for messages. */
  via: 'FROM' | 'COPY --from' | 'RUN --mount from'
}

/** Image uses in file order. Stage aliases, `scratch` and unresolved references are included with their kind. */
export function imageUses(model: DockerfileModel): ImageUse[] {
  const uses: ImageUse[] = []
  for (const instruction of model.instructions) {
    const stage = instruction.stage
    if (!stage) continue
    if (instruction.keyword === 'FROM') {
      uses.push({ reference: stage.image, instruction, via: 'FROM' })
      continue
    }
    const lookup = (name: string): string | undefined => stage.variables.get(name)
    for (const flag of instruction.flags) {
      if (instruction.keyword === 'COPY' && flag.name === 'from' && flag.value && flag.valueRange) {
        uses.push({ reference: resolveImage(flag.value, flag.valueRange, model, lookup, stage.index), instruction, via: 'COPY --from' })
      }
      if (instruction.keyword === 'RUN' && flag.name === 'mount') {
        for (const option of flagOptions(model, flag)) {
          if (option.key !== 'from' || option.value === '') continue
          uses.push({ reference: resolveImage(option.value, option.range, model, lookup, stage.index), instruction, via: 'RUN --mount from' })
        }
      }
    }
  }
  return uses
}

/** How a message quotes a reference: as written, and what it resolves to when ARGs changed it. */
export function describeReference(reference: ImageReference): string {
  const written = `"${reference.text}"`
  return reference.resolved !== undefined && reference.resolved !== reference.text ? `${written} (resolved to "${reference.resolved}")` : written
}

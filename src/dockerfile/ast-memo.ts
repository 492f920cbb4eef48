import { Instruction } from 'dockerfile-ast'

/*
 * dockerfile-ast recomputes an instruction's arguments (character by character, a Range and two
 * positionAt searches per argument) on every call of getRawArguments(), which getArguments(),
 * getFlags(), getRawArgumentsContent(), the JSON instructions' constructors and the parser's own
 * variable pass all go through: five to eight times per instruction during one parse and our model's
 * reads (12 % of the CPU of a scan of the benchmark's Dockerfiles). An instruction's text never changes
 * once parsed, so the list is computed once per instruction. Callers, dockerfile-ast's included
 * (ModifiableInstruction.getArguments shifts the flags off), modify the array they get: each gets a copy.
 */
type RawArguments = ReturnType<Instruction['getArguments']>
/** getRawArguments is private in dockerfile-ast's types; it is what every argument reader calls. */
interface Patched {
  getRawArguments(this: Instruction): RawArguments
  containmentMemo?: true
}

const computed = new WeakMap<Instruction, RawArguments>()
const prototype = Instruction.prototype as unknown as Patched

if (!prototype.containmentMemo) {
  const compute = prototype.getRawArguments
  prototype.getRawArguments = function memoizedRawArguments(this: Instruction): RawArguments {
    let args = computed.get(this)
    if (!args) {
      args = compute.call(this)
      computed.set(this, args)
    }
    return args.slice()
  }
  prototype.containmentMemo = true
}

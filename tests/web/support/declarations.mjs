// What web/nexus-api.d.ts declares, read by the TypeScript checker of web/node_modules (the one
// typecheck.mjs runs): the exported types and constants, as plain values a test can compare.
// loadDeclarations() is null when TypeScript is not installed.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const typescriptPath = fileURLToPath(new URL('../../../web/node_modules/typescript/lib/typescript.js', import.meta.url));
export const declarationsPath = fileURLToPath(new URL('../../../web/nexus-api.d.ts', import.meta.url));

export async function loadDeclarations(file = declarationsPath) {
  if (!existsSync(typescriptPath)) return null;
  const { default: ts } = await import(typescriptPath);
  const program = ts.createProgram([file], {
    strict: true, noEmit: true, types: [],
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  });
  return new Declarations(ts, program, program.getSourceFile(file));
}

class Declarations {
  #ts;
  #checker;
  #source;
  #exports;

  constructor(ts, program, source) {
    this.#ts = ts;
    this.#checker = program.getTypeChecker();
    this.#source = source;
    const module = this.#checker.getSymbolAtLocation(source);
    this.#exports = new Map(this.#checker.getExportsOfModule(module).map((symbol) => [symbol.name, symbol]));
  }

  /** The exported type (interface or alias) `name`; throws when there is none. */
  type(name) {
    const symbol = this.#export(name);
    if (!(symbol.flags & (this.#ts.SymbolFlags.Type))) throw new Error(`nexus-api.d.ts exports no type ${name}`);
    return this.#checker.getDeclaredTypeOfSymbol(symbol);
  }

  /** The type of the exported constant (or function, class) `name`. */
  valueType(name) {
    return this.#checker.getTypeOfSymbolAtLocation(this.#export(name), this.#source);
  }

  /** The type of `type`'s property `name`, or undefined when it has none. */
  property(type, name) {
    const symbol = this.#checker.getPropertyOfType(type, name);
    return symbol && this.#checker.getTypeOfSymbolAtLocation(symbol, this.#source);
  }

  /** [name, type] of each property of `type`. */
  properties(type) {
    return this.#checker.getPropertiesOfType(type)
      .map((symbol) => [symbol.name, this.#checker.getTypeOfSymbolAtLocation(symbol, this.#source)]);
  }

  isCallable(type) {
    return this.#checker.getSignaturesOfType(type, this.#ts.SignatureKind.Call).length > 0;
  }

  /**
   * The values of a literal type or a union of them ('a' | 'b' → ['a', 'b']); a member that is
   * no literal (string, number) shows as its type's name in angle brackets, e.g. '<string>'.
   */
  literals(type) {
    const members = type.isUnion() ? type.types : [type];
    return members.map((member) => (member.isLiteral() ? member.value : `<${this.#checker.typeToString(member)}>`));
  }

  #export(name) {
    const symbol = this.#exports.get(name);
    if (!symbol) throw new Error(`nexus-api.d.ts exports nothing named ${name}`);
    return symbol.flags & this.#ts.SymbolFlags.Alias ? this.#checker.getAliasedSymbol(symbol) : symbol;
  }
}

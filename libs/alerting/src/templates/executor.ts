import { TEMPLATE_FUNCTIONS, type FunctionEnvironment } from './functions.js';
import { formatValue } from './go-format.js';
import type { BranchNode, Command, Operand, Pipeline, TemplateNode } from './template-ast.js';
import { TemplateError } from './template-error.js';
import { GoInt, TemplateStruct, isMap, isTrue, goTypeName, type TemplateValue } from './values.js';

interface ExecState {
  name: string;
  text: string;
  env: FunctionEnvironment;
  scopes: Map<string, TemplateValue>[];
  out: string[];
}

/** Runs parsed nodes with `dot` as `.` and `variables` predeclared; throws TemplateError. */
export function execute(
  name: string,
  text: string,
  nodes: readonly TemplateNode[],
  dot: TemplateValue,
  variables: Readonly<Record<string, TemplateValue>>,
  env: FunctionEnvironment,
): string {
  const state: ExecState = { name, text, env, scopes: [new Map([['$', dot], ...Object.entries(variables)])], out: [] };
  runList(state, nodes, dot);
  return state.out.join('');
}

function runList(state: ExecState, nodes: readonly TemplateNode[], dot: TemplateValue): void {
  for (const node of nodes) {
    if (node.type === 'text') state.out.push(node.text);
    else if (node.type === 'action') {
      const value = runPipeline(state, node.pipe, dot);
      if (node.pipe.variables.length === 0) state.out.push(formatValue(value));
    } else runBranch(state, node, dot);
  }
}

function scoped(state: ExecState, body: () => void): void {
  state.scopes.push(new Map());
  try {
    body();
  } finally {
    state.scopes.pop();
  }
}

function runBranch(state: ExecState, node: BranchNode, dot: TemplateValue): void {
  scoped(state, () => {
    const declared = node.type === 'range' ? { ...node.pipe, variables: [] } : node.pipe;
    const value = runPipeline(state, declared, dot);
    if (node.type === 'if') return runList(state, isTrue(value) ? node.body : node.elseBody, dot);
    if (node.type === 'with') return isTrue(value) ? runList(state, node.body, value) : runList(state, node.elseBody, dot);
    const entries: [TemplateValue, TemplateValue][] = Array.isArray(value)
      ? value.map((item, i) => [i, item])
      : isMap(value)
        ? Object.keys(value).sort().map((key) => [key, value[key]!])
        : value === null
          ? []
          : fail(state, node.pos, `range can't iterate over ${formatValue(value)}`, node.pipe.source);
    if (entries.length === 0) return runList(state, node.elseBody, dot);
    for (const [key, item] of entries) {
      scoped(state, () => {
        const [first, second] = node.pipe.variables;
        if (second !== undefined) {
          declare(state, first!, key);
          declare(state, second, item);
        } else if (first !== undefined) declare(state, first, item);
        runList(state, node.body, item);
      });
    }
  });
}

function declare(state: ExecState, variable: string, value: TemplateValue): void {
  state.scopes[state.scopes.length - 1]!.set(variable, value);
}

function lookupVariable(state: ExecState, variable: string, pos: number): TemplateValue {
  for (let i = state.scopes.length - 1; i >= 0; i--) {
    const scope = state.scopes[i]!;
    if (scope.has(variable)) return scope.get(variable)!;
  }
  return fail(state, pos, `undefined variable: ${variable}`, variable);
}

function runPipeline(state: ExecState, pipe: Pipeline, dot: TemplateValue): TemplateValue {
  let value: TemplateValue | undefined;
  for (const command of pipe.commands) value = runCommand(state, command, dot, value);
  const result = value ?? null;
  if (pipe.variables.length > 0) {
    const variable = pipe.variables[0]!;
    if (pipe.assign) {
      const scope = [...state.scopes].reverse().find((s) => s.has(variable));
      (scope ?? state.scopes[state.scopes.length - 1]!).set(variable, result);
    } else declare(state, variable, result);
  }
  return result;
}

function runCommand(state: ExecState, command: Command, dot: TemplateValue, piped: TemplateValue | undefined): TemplateValue {
  const [head, ...rest] = command.args;
  if (!head) return fail(state, command.pos, 'missing value for command', command.source);
  if (head.type === 'function') {
    const args = rest.map((arg) => evalOperand(state, arg, dot));
    if (piped !== undefined) args.push(piped);
    return callFunction(state, head.name, args, head.pos, command.source);
  }
  if (rest.length > 0 || piped !== undefined) {
    return fail(state, head.pos, `can't give argument to non-function ${command.source.split(/\s/)[0]}`, command.source);
  }
  return evalOperand(state, head, dot);
}

function callFunction(state: ExecState, name: string, args: TemplateValue[], pos: number, source: string): TemplateValue {
  const fn = TEMPLATE_FUNCTIONS[name]!;
  const [min, max] = typeof fn.arity === 'number' ? [fn.arity, fn.arity] : fn.arity;
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    return fail(state, pos, `wrong number of args for ${name}: want ${want} got ${args.length}`, source);
  }
  try {
    return fn.call(args, state.env);
  } catch (error) {
    return fail(state, pos, `error calling ${name}: ${(error as Error).message}`, source);
  }
}

function evalOperand(state: ExecState, operand: Operand, dot: TemplateValue): TemplateValue {
  switch (operand.type) {
    case 'function':
      return callFunction(state, operand.name, [], operand.pos, operand.name);
    case 'string':
    case 'bool':
      return operand.value;
    case 'number':
      return operand.isInt ? new GoInt(operand.value) : operand.value;
    case 'nil':
      return fail(state, operand.pos, 'nil is not a command', 'nil');
    case 'field': {
      let value: TemplateValue =
        operand.base === 'dot'
          ? dot
          : 'variable' in operand.base
            ? lookupVariable(state, operand.base.variable, operand.pos)
            : runPipeline(state, operand.base.pipe, dot);
      for (const field of operand.path) value = fieldOf(state, value, field, operand.pos);
      return value;
    }
  }
}

function fieldOf(state: ExecState, value: TemplateValue, field: string, pos: number): TemplateValue {
  if (value instanceof TemplateStruct) {
    if (field in value.fields) return value.fields[field]!;
    return fail(state, pos, `can't evaluate field ${field} in type ${value.typeName}`, `.${field}`);
  }
  if (isMap(value)) return value[field] ?? '';
  if (value === null) return fail(state, pos, `nil pointer evaluating interface {}.${field}`, `.${field}`);
  return fail(state, pos, `can't evaluate field ${field} in type ${goTypeName(value)}`, `.${field}`);
}

function fail(state: ExecState, pos: number, message: string, nodeText: string): never {
  throw new TemplateError(state.name, state.text, pos, message, 'exec', nodeText);
}

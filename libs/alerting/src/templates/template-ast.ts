/** Nodes of a parsed template; `pos` is the offset in the template text (for error messages). */
export type TemplateNode = TextNode | ActionNode | BranchNode;

export interface TextNode {
  type: 'text';
  text: string;
}

export interface ActionNode {
  type: 'action';
  pos: number;
  pipe: Pipeline;
}

/** `if`, `with` and `range` share a shape: a pipeline, a body and an optional else body. */
export interface BranchNode {
  type: 'if' | 'with' | 'range';
  pos: number;
  pipe: Pipeline;
  body: TemplateNode[];
  elseBody: TemplateNode[];
}

export interface Pipeline {
  pos: number;
  /** `$x :=` (or `$k, $v :=` in range); `assign` is true for `$x = ...` (reassignment). */
  variables: string[];
  assign: boolean;
  commands: Command[];
  source: string;
}

export interface Command {
  pos: number;
  args: Operand[];
  source: string;
}

export type Operand =
  | { type: 'function'; name: string; pos: number }
  | { type: 'field'; base: 'dot' | { variable: string } | { pipe: Pipeline }; path: string[]; pos: number }
  | { type: 'string'; value: string; pos: number }
  | { type: 'number'; value: number; isInt: boolean; pos: number }
  | { type: 'bool'; value: boolean; pos: number }
  | { type: 'nil'; pos: number };

import { execute } from './executor.js';
import { TEMPLATE_FUNCTION_NAMES, type TemplateQuerySample } from './functions.js';
import { parseTemplate } from './parser.js';
import type { TemplateNode } from './template-ast.js';
import { TemplateError } from './template-error.js';
import { TemplateStruct } from './values.js';

/** What an alert's labels and annotations can refer to (`$labels`, `$value`, `.ExternalURL`...). */
export interface AlertTemplateData {
  labels: Record<string, string>;
  externalLabels?: Record<string, string>;
  externalUrl?: string;
  value: number;
}

export interface RenderOptions {
  /** Backs the `query` template function; without it `query` fails at execution. */
  query?: (expr: string) => TemplateQuerySample[];
}

/**
 * Prometheus prefixes every alert template with `{{$labels := .Labels}}...`; we predeclare
 * the same variables instead, so error positions stay those of the rule author's text.
 */
const PREDECLARED = ['$labels', '$externalLabels', '$externalURL', '$value'];

/** A parsed alert label/annotation template: parse once when the rule loads, render per alert. */
export class AlertTemplate {
  private constructor(
    readonly name: string,
    readonly text: string,
    private readonly nodes: TemplateNode[],
  ) {}

  /** Throws TemplateError (`template: NAME:LINE: ...`) when the text does not parse. */
  static parse(text: string, name: string): AlertTemplate {
    return new AlertTemplate(name, text, text.includes('{{') ? parseTemplate(name, text, TEMPLATE_FUNCTION_NAMES, PREDECLARED) : [{ type: 'text', text }]);
  }

  /** Throws TemplateError on an execution error. */
  render(data: AlertTemplateData, options: RenderOptions = {}): string {
    const externalLabels = data.externalLabels ?? {};
    const externalUrl = data.externalUrl ?? '';
    const root = new TemplateStruct('template.tmplData', {
      Labels: data.labels,
      ExternalLabels: externalLabels,
      ExternalURL: externalUrl,
      Value: data.value,
    });
    const variables = { $labels: data.labels, $externalLabels: externalLabels, $externalURL: externalUrl, $value: data.value };
    return execute(this.name, this.text, this.nodes, root, variables, { externalUrl, query: options.query });
  }

  /** Never throws: a failure becomes `<error expanding template: ...>` as in Prometheus. */
  expand(data: AlertTemplateData, options: RenderOptions = {}): string {
    try {
      return this.render(data, options);
    } catch (error) {
      return `<error expanding template: error executing template ${this.name}: ${(error as Error).message}>`;
    }
  }
}

/** Parse-and-render in one step; parse and execution errors become the error text. */
export function expandAlertTemplate(text: string, name: string, data: AlertTemplateData, options: RenderOptions = {}): string {
  let template: AlertTemplate;
  try {
    template = AlertTemplate.parse(text, name);
  } catch (error) {
    return `<error expanding template: error parsing template ${name}: ${(error as Error).message}>`;
  }
  return template.expand(data, options);
}

/** The parse error of a template, if any (`promtool check rules`). */
export function checkAlertTemplate(text: string, name: string): TemplateError | undefined {
  try {
    AlertTemplate.parse(text, name);
    return undefined;
  } catch (error) {
    if (error instanceof TemplateError) return error;
    throw error;
  }
}

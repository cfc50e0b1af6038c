import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface AnswerKeySecrets {
  /** Never shown to a participant, even after the drill is scored. */
  always: string[];
  /** Shown to participants only in the debrief (the scored postmortem reveals the root cause and the faults). */
  untilScored: string[];
}

/**
 * What a participant's page must not contain, read from the scenario file itself so the check
 * follows the catalogue: the root cause id, its accepted phrasings (except those the responder
 * typed, which their own page may echo), red herrings and the reasons harmful actions are harmful.
 */
export function answerKeySecrets(scenarioId: string, typedByResponder: string[] = []): AnswerKeySecrets {
  const file = join(root, 'libs', 'scenarios', 'catalog', `${scenarioId}.scenario.yml`);
  const spec = parse(readFileSync(file, 'utf8')).spec;
  const typed = typedByResponder.map(normalise);
  const accepted = (spec.answerKey.rootCause.accepted as string[]).filter((phrase) => !typed.some((text) => text.includes(normalise(phrase))));
  const harmful = ((spec.remediations?.harmful ?? []) as { reason: string }[]).map((item) => item.reason);
  return {
    always: [spec.answerKey.rootCause.id, ...accepted, ...(spec.redHerrings ?? []), ...harmful],
    untilScored: [spec.answerKey.rootCause.summary, ...(spec.faults as { id: string }[]).map((fault) => fault.id)],
  };
}

/** The secrets found in `html` (compared as lowercase text with single spaces). */
export function leakedSecrets(html: string, secrets: readonly string[]): string[] {
  const text = normalise(decodeEntities(html));
  return secrets.filter((secret) => text.includes(normalise(secret)));
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function decodeEntities(html: string): string {
  return html.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

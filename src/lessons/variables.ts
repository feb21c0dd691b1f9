// Lesson variable types and their validation, with no dependencies: the lesson page's script uses the same rules as the
// runner (which checks again before anything runs). Values are also shell-quoted where they go into a command.

export const VARIABLE_TYPES = ['port', 'number', 'name', 'subnetPrefix', 'path', 'text'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

/** Why a value is refused; each side words it in the UI language. */
export type VarProblem = 'port' | 'number' | 'name' | 'subnetPrefix' | 'empty' | 'control' | 'tooLong';

export const MAX_TEXT_LENGTH = 200;
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const SUBNET_PREFIX = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}$`);
/** Line breaks, tabs, escape, NUL …: never part of a value typed into a one-line field. */
const CONTROL = /[\u0000-\u001f\u007f]/;

export function varProblem(type: VariableType, value: string): VarProblem | undefined {
  switch (type) {
    case 'port': {
      const n = Number(value);
      return /^\d{1,5}$/.test(value) && n >= 1 && n <= 65535 ? undefined : 'port';
    }
    case 'number':
      return /^\d{1,9}$/.test(value) ? undefined : 'number';
    case 'name':
      return /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/.test(value) ? undefined : 'name';
    case 'subnetPrefix':
      return SUBNET_PREFIX.test(value) ? undefined : 'subnetPrefix';
    case 'path':
    case 'text':
      if (value === '') return 'empty';
      if (CONTROL.test(value)) return 'control';
      return value.length > MAX_TEXT_LENGTH ? 'tooLong' : undefined;
  }
}

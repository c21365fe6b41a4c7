/**
 * A form generated from an action's JSON Schema (the params schema in /openapi.json): numbers,
 * strings, enumerations and booleans get inputs; anything structured (messages, arrays, unions of
 * objects) gets a JSON box. Values are kept as typed text and converted when the params are built.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  items?: JsonSchema;
}

export type FieldKind = 'number' | 'string' | 'boolean' | 'enum' | 'json';

/** What input a property gets. */
export function fieldKind(schema: JsonSchema): FieldKind {
  const variants = schema.anyOf ?? schema.oneOf;
  if (schema.enum || (variants && variants.every((variant) => variant.const !== undefined))) return 'enum';
  if (variants) {
    const types = new Set(variants.map((variant) => variant.type));
    if ([...types].every((type) => type === 'integer' || type === 'number' || type === 'string'))
      return types.has('integer') || types.has('number') ? 'number' : 'string';
    if ([...types].every((type) => type === 'boolean' || type === 'string' || type === 'integer'))
      return types.has('boolean') ? 'boolean' : 'json';
    return 'json';
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'integer' || type === 'number') return 'number';
  if (type === 'string') return 'string';
  if (type === 'boolean') return 'boolean';
  return 'json';
}

export function enumValues(schema: JsonSchema): unknown[] {
  return schema.enum ?? (schema.anyOf ?? schema.oneOf ?? []).map((variant) => variant.const);
}

/** Builds the params object from the typed texts; throws naming a field whose JSON is broken. */
export function buildParams(schema: JsonSchema, values: Record<string, string>): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const text = values[name];
    if (text === undefined || text === '') continue;
    const kind = fieldKind(property);
    if (kind === 'number') params[name] = /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text;
    else if (kind === 'boolean') params[name] = text === 'true';
    else if (kind === 'enum') params[name] = JSON.parse(text) as unknown;
    else if (kind === 'json') {
      try {
        params[name] = JSON.parse(text) as unknown;
      } catch {
        // A bare message string (CQ code) is fine where a message goes.
        if (name === 'message') params[name] = text;
        else throw new Error(`${name}: not valid JSON`);
      }
    } else params[name] = text;
  }
  return params;
}

/** The form's texts from a params object (when the JSON view was edited). */
export function valuesFrom(schema: JsonSchema, params: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (!(name in params)) continue;
    const value = params[name];
    const kind = fieldKind(property);
    values[name] = kind === 'json' || kind === 'enum' ? JSON.stringify(value) : String(value);
  }
  return values;
}

export function SchemaForm(props: {
  schema: JsonSchema;
  values: Record<string, string>;
  onChange: (values: Record<string, string>) => void;
}) {
  const properties = Object.entries(props.schema.properties ?? {});
  const required = new Set(props.schema.required ?? []);
  if (properties.length === 0) return <div className="muted">This action takes no params.</div>;
  const set = (name: string, value: string) => props.onChange({ ...props.values, [name]: value });
  return (
    <div className="schema-form" data-testid="schema-form">
      {properties.map(([name, schema]) => {
        const kind = fieldKind(schema);
        const value = props.values[name] ?? '';
        const hint = [schema.description, schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : '']
          .filter(Boolean)
          .join(' · ');
        return [
          <label key={`${name}-label`} className={required.has(name) ? 'required' : ''} title={hint} htmlFor={`param-${name}`}>
            {name}
          </label>,
          <div key={`${name}-input`}>
            {kind === 'boolean' ? (
              <select id={`param-${name}`} value={value} onChange={(event) => set(name, event.target.value)} data-testid={`param-${name}`}>
                <option value="">—</option>
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            ) : kind === 'enum' ? (
              <select id={`param-${name}`} value={value} onChange={(event) => set(name, event.target.value)} data-testid={`param-${name}`}>
                <option value="">—</option>
                {enumValues(schema).map((option) => (
                  <option key={JSON.stringify(option)} value={JSON.stringify(option)}>
                    {String(option)}
                  </option>
                ))}
              </select>
            ) : kind === 'json' ? (
              <textarea
                id={`param-${name}`}
                rows={3}
                value={value}
                placeholder={name === 'message' ? '[{"type":"text","data":{"text":"hi"}}] or a CQ string' : 'JSON'}
                onChange={(event) => set(name, event.target.value)}
                data-testid={`param-${name}`}
              />
            ) : (
              <input
                id={`param-${name}`}
                type="text"
                inputMode={kind === 'number' ? 'numeric' : undefined}
                value={value}
                placeholder={schema.default !== undefined ? String(schema.default) : kind}
                onChange={(event) => set(name, event.target.value)}
                data-testid={`param-${name}`}
              />
            )}
            {hint && <div className="muted small">{hint}</div>}
          </div>,
        ];
      })}
    </div>
  );
}

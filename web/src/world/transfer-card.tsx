import { useState } from 'react';
import { api, apiText, ApiError, describeError } from '../api/client';
import { JsonView } from '../ui/json-view';
import { useWorld } from '../api/world-data';

/** World files out (the current world, with every OneBot config) and in (idempotent apply). */
export function TransferCard() {
  const world = useWorld();
  const [result, setResult] = useState<unknown>();
  const [error, setError] = useState('');

  const download = async (format: 'json' | 'yaml') => {
    setError('');
    let text: string;
    try {
      text = await apiText('GET /api/world/export', { query: { format } });
    } catch (failure) {
      setError(`export failed: ${describeError(failure)}`);
      return;
    }
    const blob = new Blob([text], { type: format === 'yaml' ? 'application/yaml' : 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `catnap-world.${format}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };

  const importFile = async (file: File) => {
    setError('');
    setResult(undefined);
    try {
      const text = await file.text();
      const yaml = /\.ya?ml$/i.test(file.name);
      // A JSON file is checked here for a clear message; the server validates either kind as a world file.
      if (!yaml) JSON.parse(text);
      const summary = await api('POST /api/world/apply', { raw: { data: text, type: yaml ? 'application/yaml' : 'application/json' } });
      setResult(summary);
      await world.reload();
    } catch (failure) {
      // Applied, with every config saved, though an adapter could not start: the world did change.
      if (failure instanceof ApiError && failure.code === 'ADAPTER_FAILED') void world.reload().catch(() => undefined);
      setError(failure instanceof SyntaxError ? `${file.name} is not valid JSON: ${failure.message}` : describeError(failure));
    }
  };

  return (
    <section className="card" data-testid="transfer-card">
      <h3>世界文件 World file</h3>
      <p className="muted small">
        Export writes accounts, mutual friendships, groups, roles, cards and every bot's OneBot config. Import applies a world file
        idempotently: it creates what is missing and updates what exists, never deletes.
      </p>
      <div className="form-row">
        <button className="secondary" onClick={() => void download('json')} data-testid="export-json">
          导出 Export JSON
        </button>
        <button className="secondary" onClick={() => void download('yaml')} data-testid="export-yaml">
          导出 Export YAML
        </button>
        <label
          className="secondary button"
          style={{ border: '1px solid var(--line)', borderRadius: 6, padding: '5px 14px', cursor: 'pointer' }}
        >
          导入 Import…
          <input
            type="file"
            accept=".json,.yaml,.yml,application/json"
            hidden
            data-testid="import-input"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void importFile(file);
              event.target.value = '';
            }}
          />
        </label>
      </div>
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      {result !== undefined && <JsonView value={result} testId="import-result" />}
    </section>
  );
}

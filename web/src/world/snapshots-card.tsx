import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useLoad, useWorld } from '../api/world-data';
import { attempt } from '../ui/attempt';

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { hour12: false });
const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`);

/**
 * Named copies of the whole world: save one now, put the world back as one kept it (bots stay
 * connected), delete one, or reset to `start`, the world as this start made it.
 */
export function SnapshotsCard() {
  const world = useWorld();
  const snapshots = useLoad(() => api('GET /api/world/snapshots'), []);
  const [name, setName] = useState('');

  /** A change that alters the world or the list: both are shown again afterwards. */
  const change = async (work: () => Promise<unknown>, done: string) => {
    const worked = await attempt(work, done);
    snapshots.reload();
    if (worked) await world.reload();
    return worked;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const chosen = name.trim();
    if (!chosen) return;
    if (await change(() => api('POST /api/world/snapshots', { body: { name: chosen } }), `已保存快照 Saved ${chosen}`)) setName('');
  };

  const deleteButton = (chosen: string) => (
    <button
      className="secondary danger"
      data-testid={`snapshot-delete-${chosen}`}
      onClick={() => void change(() => api('DELETE /api/world/snapshots/:name', { params: { name: chosen } }), `已删除 Deleted ${chosen}`)}
    >
      删除 Delete
    </button>
  );

  return (
    <section className="card" data-testid="snapshots-card">
      <div className="card-head">
        <h3>快照 Snapshots</h3>
        <button
          className="secondary"
          data-testid="world-reset"
          onClick={() => void change(() => api('POST /api/world/reset'), '已重置 Reset to start')}
          title="Restore the snapshot start: the world right after this start applied its world file"
        >
          重置 Reset to start
        </button>
      </div>
      <p className="muted small">
        A snapshot keeps the whole world with its clock and random seed. Restoring puts it back in place: adapters keep running and bots
        stay connected.
      </p>
      <form className="form-row" onSubmit={(event) => void save(event)}>
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          aria-label="快照名 Snapshot name"
          placeholder="快照名 name (letters, digits, . - _)"
          pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
          data-testid="snapshot-name"
        />
        <button type="submit" className="primary" disabled={!name.trim()} data-testid="snapshot-save">
          保存 Save
        </button>
      </form>
      <table className="table" data-testid="snapshot-list">
        <thead>
          <tr>
            <th>名称 Name</th>
            <th>世界时间 World time</th>
            <th>保存于 Taken</th>
            <th>大小 Size</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {snapshots.data?.snapshots.map((snapshot) => (
            <tr key={snapshot.name} data-testid={`snapshot-${snapshot.name}`}>
              <td>
                {snapshot.name} {snapshot.clock.frozen && <span className="chip">frozen</span>}
              </td>
              <td className="small">{when(snapshot.world_time * 1000)}</td>
              <td className="muted small">{when(snapshot.taken_at)}</td>
              <td className="muted small">{size(snapshot.size_bytes)}</td>
              <td className="form-row">
                <button
                  className="secondary"
                  data-testid={`snapshot-restore-${snapshot.name}`}
                  onClick={() =>
                    void change(
                      () => api('POST /api/world/snapshots/:name/restore', { params: { name: snapshot.name } }),
                      `已恢复 Restored ${snapshot.name}`,
                    )
                  }
                >
                  恢复 Restore
                </button>
                {/* `start` is what reset restores; it is retaken at every start. */}
                {snapshot.name !== 'start' && deleteButton(snapshot.name)}
              </td>
            </tr>
          ))}
          {/* A damaged snapshot (its clock and random source cannot be read): a restore is refused (409), so only delete is offered. */}
          {snapshots.data?.damaged.map((snapshot) => (
            <tr key={snapshot.name} data-testid={`snapshot-${snapshot.name}`} data-damaged="true">
              <td>
                {snapshot.name} <span className="chip snapshot-damaged">damaged</span>
              </td>
              <td colSpan={3} className="form-error small">
                {snapshot.problem}
              </td>
              <td className="form-row">{snapshot.name !== 'start' && deleteButton(snapshot.name)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {snapshots.error && <div className="form-error">{snapshots.error}</div>}
    </section>
  );
}

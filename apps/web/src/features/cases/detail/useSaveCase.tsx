import type { CaseView, UpdateCaseBody } from '@closeloop/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ApiError, api } from '../../../api/client.ts';
import { describeProblem } from '../../../ui/useApiProblem.ts';
import { caseKeys, useUpdateCase } from '../api.ts';
import { formatInstant, useFieldFormat, viewValue } from './format.ts';

export type CasePatch = Omit<z.input<typeof UpdateCaseBody>, 'version'>;

interface Conflict {
  base: CaseView;
  theirs: CaseView;
  mine: CasePatch;
  onDone: () => void;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields someone else changed since `base`, and fields I am changing: what the conflict dialog lists. */
export function conflictRows(base: CaseView, theirs: CaseView, mine: CasePatch) {
  const fields = new Set<string>(Object.keys(mine));
  for (const f of [
    'title',
    'description',
    'severity',
    'grade',
    'validity',
    'causeCategory',
    'tags',
    'customerDemands',
    'ownerId',
    'departmentId',
    'status',
  ]) {
    if (!same(viewValue(base, f), viewValue(theirs, f))) fields.add(f);
  }
  for (const f of Object.keys(mine)) if (!same(viewValue(base, f), viewValue(theirs, f))) fields.add(f);
  return [...fields].map((field) => {
    const theirsChanged = !same(viewValue(base, field), viewValue(theirs, field));
    const mineChanged = field in mine;
    return {
      field,
      theirs: viewValue(theirs, field),
      mine: mineChanged ? (mine as Record<string, unknown>)[field] : undefined,
      theirsChanged,
      mineChanged,
      clash: theirsChanged && mineChanged && !same(viewValue(theirs, field), (mine as Record<string, unknown>)[field]),
    };
  });
}

/**
 * PATCH a case with the version it was loaded at. On a version conflict, fetch the current case and
 * show what changed; the user reloads (drops their edit) or re-applies it on the new version.
 */
export function useSaveCase(caseKey: string) {
  const { t } = useTranslation(['cases', 'common']);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const update = useUpdateCase(caseKey);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const format = useFieldFormat();

  /** Resolves true when saved; throws other problems (field errors) for the form to show. */
  const save = async (base: CaseView, mine: CasePatch, onDone: () => void): Promise<boolean> => {
    try {
      // The server fills omitted customerDemands and tags with [] (UpdateCaseBody defaults), so send the loaded values along.
      await update.mutateAsync({ customerDemands: base.customerDemands, tags: base.tags, ...mine, version: base.version });
      onDone();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'version_conflict') {
        const theirs = await api.get<CaseView>(`/cases/${encodeURIComponent(caseKey)}`);
        setConflict({ base, theirs, mine, onDone });
        return false;
      }
      if (e instanceof ApiError && e.problem.code === 'transition_not_allowed') {
        message.error(t('errors.transitionNotAllowed'), 6);
        void qc.invalidateQueries({ queryKey: caseKeys.detail(caseKey) });
        onDone();
        return false;
      }
      throw e;
    }
  };

  const reload = () => {
    if (!conflict) return;
    qc.setQueryData(caseKeys.detail(caseKey), conflict.theirs);
    void qc.invalidateQueries({ queryKey: caseKeys.events(caseKey) });
    conflict.onDone();
    setConflict(null);
  };

  const reapply = async () => {
    if (!conflict) return;
    const c = conflict;
    setConflict(null);
    try {
      if (await save(c.theirs, c.mine, c.onDone)) message.success(t('conflict.reapplied'));
    } catch (e) {
      message.error(describeProblem(e));
    }
  };

  const rows = conflict ? conflictRows(conflict.base, conflict.theirs, conflict.mine) : [];
  const show = (field: string, v: unknown, changed: boolean) => (changed ? format.value(field, v) : t('conflict.unchanged'));

  const modal = (
    <Modal
      open={Boolean(conflict)}
      title={t('conflict.title')}
      width={720}
      onCancel={reload}
      destroyOnHidden
      footer={[
        <Button key="reload" onClick={reload}>
          {t('conflict.reload')}
        </Button>,
        <Button key="reapply" type="primary" onClick={reapply} loading={update.isPending}>
          {t('conflict.reapply')}
        </Button>,
      ]}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('conflict.explain', { at: formatInstant(conflict?.theirs.updatedAt) })}
      />
      <Table
        size="small"
        rowKey="field"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('conflict.field'),
            dataIndex: 'field',
            render: (f: string, r) => (
              <>
                {format.label(f)} {r.clash && <Tag color="red">{t('conflict.clash')}</Tag>}
              </>
            ),
          },
          { title: t('conflict.theirs'), key: 'theirs', render: (_, r) => show(r.field, r.theirs, r.theirsChanged) },
          { title: t('conflict.mine'), key: 'mine', render: (_, r) => show(r.field, r.mine, r.mineChanged) },
        ]}
      />
    </Modal>
  );

  return { save, modal, saving: update.isPending };
}

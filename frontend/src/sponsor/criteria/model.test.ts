import { describe, expect, it } from 'vitest';
import type { Criterion } from '../types';
import {
  addMember,
  allIds,
  flattenIds,
  fromApi,
  moveNode,
  newCriterion,
  normalise,
  placeProblems,
  removeNode,
  stableJson,
  toApi,
  uniqueId,
  updateNode,
} from './model';

const demo: Criterion[] = [
  { id: 'age', kind: 'age', rule: 'include', min: { value: 3, unit: 'years' }, max: { value: 21, unit: 'years' } },
  { id: 'dx', kind: 'condition', rule: 'include', any_of: ['b_all'], antigens: { CD19: 'positive' } },
  {
    id: 'rr-b-all',
    kind: 'any_of',
    rule: 'include',
    criteria: [
      { id: 'rr-1', kind: 'relapse_count', min: 2, site: 'bone_marrow' },
      { id: 'rr-2', kind: 'transplant', type: 'allogeneic', relapse_after: true, min_months_since: 6 },
    ],
  },
  { id: 'no-cd19', kind: 'prior_therapy', rule: 'exclude', targets: ['CD19'] },
];

describe('criteria model', () => {
  it('reads the API criteria and writes them back unchanged', () => {
    expect(stableJson(toApi(fromApi(demo)))).toBe(stableJson(demo));
  });

  it('leaves out empty values, open age bounds, match "any" and relapse_after false', () => {
    const drafts = fromApi([
      {
        id: 'a',
        kind: 'age',
        rule: 'include',
        min: { value: 18, unit: 'years' },
        max: { value: undefined, unit: 'years' },
      },
      { id: 'p', kind: 'prior_therapy', rule: 'exclude', categories: ['car_t'], targets: [], match: 'any' },
      { id: 't', kind: 'transplant', rule: 'exclude', type: 'allogeneic', relapse_after: false, within_months: 6 },
      { id: 'c', kind: 'condition', rule: 'include', any_of: ['dlbcl'], antigens: { CD19: undefined } },
    ]);
    expect(toApi(drafts)).toEqual([
      { id: 'a', kind: 'age', rule: 'include', min: { value: 18, unit: 'years' } },
      { id: 'p', kind: 'prior_therapy', rule: 'exclude', categories: ['car_t'] },
      { id: 't', kind: 'transplant', rule: 'exclude', type: 'allogeneic', within_months: 6 },
      { id: 'c', kind: 'condition', rule: 'include', any_of: ['dlbcl'] },
    ]);
  });

  it('gives group members no rule', () => {
    const [group] = toApi(fromApi(demo)).slice(2);
    expect(group?.criteria?.every((m) => !('rule' in m))).toBe(true);
  });

  it('normalises what the server gives back and what the builder writes alike', () => {
    const serverOrder = demo.map((c) => Object.fromEntries(Object.entries(c).reverse()) as Criterion);
    expect(normalise(serverOrder)).toBe(normalise(demo));
  });

  it('makes new criteria with unique ids, usual exclusions excluded', () => {
    const drafts = fromApi(demo);
    const age = newCriterion('age', allIds(drafts), true);
    expect(age.id).toBe('age-2');
    expect(age.rule).toBe('include');
    expect(newCriterion('active_gvhd', [], true).rule).toBe('exclude');
    expect(newCriterion('relapse_count', [], false).rule).toBeUndefined();
    expect(uniqueId('x', ['x', 'x-2'])).toBe('x-3');
  });

  it('edits, moves, removes and adds members anywhere in the tree', () => {
    let drafts = fromApi(demo);
    const group = drafts[2]!;
    const member = group.members[1]!;
    drafts = updateNode(drafts, member.key, (d) => ({ ...d, fields: { ...d.fields, min_months_since: 12 } }));
    expect(toApi(drafts)[2]?.criteria?.[1]?.min_months_since).toBe(12);
    drafts = moveNode(drafts, member.key, -1);
    expect(flattenIds(toApi(drafts))).toEqual(['age', 'dx', 'rr-b-all', 'rr-2', 'rr-1', 'no-cd19']);
    drafts = moveNode(drafts, drafts[0]!.key, -1);
    expect(drafts[0]?.id).toBe('age');
    drafts = addMember(drafts, group.key, newCriterion('disease_status', allIds(drafts), false));
    expect(flattenIds(toApi(drafts))).toContain('status');
    drafts = removeNode(drafts, member.key);
    expect(flattenIds(toApi(drafts))).toEqual(['age', 'dx', 'rr-b-all', 'rr-1', 'status', 'no-cd19']);
  });

  it('places field errors on the criterion they name, by id or by position', () => {
    const drafts = fromApi([
      ...demo,
      { id: '', kind: 'sex', rule: 'include' },
      { id: 'g', kind: 'all_of', rule: 'include', criteria: [{ id: 'bad id', kind: 'sex' }] },
    ]);
    const placed = placeProblems(drafts, [
      { field: 'criteria[rr-1].min', code: 'min_above_max', message: 'The minimum is above the maximum.' },
      { field: 'criteria[age].min.unit', code: 'unknown_value' },
      { field: 'criteria[4].id', code: 'required' },
      { field: 'criteria[g].criteria[0].id', code: 'invalid' },
      { field: 'criteria', code: 'too_many' },
      { field: 'criteria[nope].min', code: 'invalid' },
    ]);
    const subsOf = (index: number, member?: number) => {
      const top = drafts[index]!;
      const node = member === undefined ? top : top.members[member]!;
      return (placed.byKey.get(node.key) ?? []).map((p) => p.sub);
    };
    expect(subsOf(2, 0)).toEqual(['min']);
    expect(subsOf(0)).toEqual(['min.unit']);
    expect(subsOf(4)).toEqual(['id']);
    expect(subsOf(5, 0)).toEqual(['id']);
    expect(placed.general.map((p) => p.field)).toEqual(['criteria', 'criteria[nope].min']);
  });
});

/**
 * The one contract between the UI and the services. Every transport (Electron IPC, HTTP for
 * browser mode, the CLI's direct calls) and the renderer's client are typed from this object;
 * there is no second list of method names anywhere.
 *
 * Each capability keeps its methods in shared/contract/<capability>.ts and is spread in here.
 */
import { baselineContract } from './contract/baseline';
import { bundlesContract } from './contract/bundles';
import { estimatesContract } from './contract/estimates';
import { evidenceContract } from './contract/evidence';
import { hypothesisContract } from './contract/hypotheses';
import { dashboardContract } from './contract/dashboard';
import { demoContract } from './contract/demo';
import { learningContract } from './contract/learning';
import { momentumContract } from './contract/momentum';
import { recordsContract } from './contract/records';
import { reportContract } from './contract/report';
import { searchContract } from './contract/search';
import { spendContract } from './contract/spend';
import { pilotContract } from './contract/pilot';
import { privacyContract } from './contract/privacy';
import { systemContract } from './contract/system';
import { teamContract } from './contract/team';
import type { InputOf, OutputOf, ParsedInputOf } from './contract/define';

export const contract = {
  ...systemContract,
  ...pilotContract,
  ...recordsContract,
  ...hypothesisContract,
  ...evidenceContract,
  ...spendContract,
  ...baselineContract,
  ...estimatesContract,
  ...learningContract,
  ...momentumContract,
  ...dashboardContract,
  ...reportContract,
  ...searchContract,
  ...bundlesContract,
  ...teamContract,
  ...privacyContract,
  ...demoContract,
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type Input<K extends MethodName> = InputOf<Contract[K]>;
export type ParsedInput<K extends MethodName> = ParsedInputOf<Contract[K]>;
export type Output<K extends MethodName> = OutputOf<Contract[K]>;

export const isMethodName = (name: string): name is MethodName => Object.prototype.hasOwnProperty.call(contract, name);

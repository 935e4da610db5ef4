/** The rule catalogue, in the order the README lists it. */
import type { Rule } from './rule.js';
import xmlSyntax from './xmlSyntax.js';
import doctype from './doctype.js';
import unexpectedElement from './unexpectedElement.js';
import unknownAttribute from './unknownAttribute.js';
import missingAttribute from './missingAttribute.js';
import duplicateName from './duplicateName.js';
import duplicateNameCase from './duplicateNameCase.js';
import missingRedis from './missingRedis.js';
import foreignFormat from './foreignFormat.js';
import malformedPair from './malformedPair.js';
import commaSeparator from './commaSeparator.js';
import unknownKey from './unknownKey.js';
import keyCase from './keyCase.js';
import undocumentedKey from './undocumentedKey.js';
import duplicateKey from './duplicateKey.js';
import emptyValue from './emptyValue.js';
import invalidBoolean from './invalidBoolean.js';
import invalidNumber from './invalidNumber.js';
import dbOutOfRange from './dbOutOfRange.js';
import missingHost from './missingHost.js';
import conflictingTopology from './conflictingTopology.js';
import hostListFormat from './hostListFormat.js';
import hostListBrackets from './hostListBrackets.js';
import hostIsList from './hostIsList.js';
import clusterDb from './clusterDb.js';
import sentinelMasterMissing from './sentinelMasterMissing.js';
import sentinelTls from './sentinelTls.js';
import tlsSettingIgnored from './tlsSettingIgnored.js';
import passwordWithoutTls from './passwordWithoutTls.js';
import certificatePasswordWithoutPath from './certificatePasswordWithoutPath.js';
import tlsValidationDisabled from './tlsValidationDisabled.js';
import certificatePasswordUnused from './certificatePasswordUnused.js';
import certificateNotFound from './certificateNotFound.js';
import certificateUnreadable from './certificateUnreadable.js';
import certificateExpired from './certificateExpired.js';
import plaintextSecret from './plaintextSecret.js';
import docPlaceholder from './docPlaceholder.js';
import requiresNewerCreatio from './requiresNewerCreatio.js';
import sentinelRetired from './sentinelRetired.js';

export const RULES: readonly Rule[] = [
  xmlSyntax,
  doctype,
  unexpectedElement,
  unknownAttribute,
  missingAttribute,
  duplicateName,
  duplicateNameCase,
  missingRedis,
  foreignFormat,
  malformedPair,
  commaSeparator,
  unknownKey,
  keyCase,
  undocumentedKey,
  duplicateKey,
  emptyValue,
  invalidBoolean,
  invalidNumber,
  dbOutOfRange,
  missingHost,
  conflictingTopology,
  hostListFormat,
  hostListBrackets,
  hostIsList,
  clusterDb,
  sentinelMasterMissing,
  sentinelTls,
  tlsSettingIgnored,
  passwordWithoutTls,
  certificatePasswordWithoutPath,
  tlsValidationDisabled,
  certificateNotFound,
  certificateUnreadable,
  certificateExpired,
  certificatePasswordUnused,
  plaintextSecret,
  docPlaceholder,
  requiresNewerCreatio,
  sentinelRetired,
];

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}

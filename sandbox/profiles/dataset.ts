// The same patients for every profile, with the profile's transforms: the MRN identifier system (the dataset
// is generated with an Epic-style OID URN; canvas and s4s use URL systems). Other resources are shared as is.
import type { Patient, Resource } from '@medplum/fhirtypes';
import { MRN_SYSTEM, type Dataset } from '../data';
import type { Profile } from './profiles';

export function datasetFor(profile: Pick<Profile, 'mrnSystem'>, dataset: Dataset): Dataset {
  const system = profile.mrnSystem;
  if (!system) return dataset;
  const resources = dataset.resources.map((resource): Resource => {
    if (resource.resourceType !== 'Patient') return resource;
    const identifier = resource.identifier?.map((id) => (id.system === MRN_SYSTEM ? { ...id, system } : id));
    return { ...resource, identifier } satisfies Patient;
  });
  return { ...dataset, resources };
}

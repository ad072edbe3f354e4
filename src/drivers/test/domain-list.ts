import { DomainObjList as SharedDomainObjList } from '../shared/domain-obj-list.js';
import { DomainObj } from './domain-obj.js';

/** The test driver's domains: the shared list, making test driver objects. */
export class DomainObjList extends SharedDomainObjList<DomainObj> {
  constructor() {
    super((def) => new DomainObj(def));
  }
}

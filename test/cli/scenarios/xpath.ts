/** --xpath and --wrap on every object *-dumpxml command that has them in virsh 9.0.0, bad expressions included. */
import { onDefault, type Scenario } from '../harness.js';

const VOL = 'vol-create-as default-pool v1 10M';

export const xpathScenarios: Scenario[] = [
  { name: 'net-dumpxml --xpath', args: onDefault('net-dumpxml default --xpath //ip; net-dumpxml default --xpath //dhcp/range/@start') },
  { name: 'net-dumpxml --xpath --wrap --inactive', args: onDefault('net-dumpxml default --inactive --xpath //forward --wrap') },
  { name: 'net-dumpxml --xpath no match', args: onDefault('net-dumpxml default --xpath //nothing; net-dumpxml default --xpath //nothing --wrap') },
  { name: 'net-dumpxml --xpath bad expression', args: onDefault("net-dumpxml default --xpath '//ip[' ; net-dumpxml default --xpath 'count(//ip)'") },
  { name: 'net-dumpxml --wrap alone', args: onDefault('net-dumpxml default --wrap') },
  { name: 'pool-dumpxml --xpath', args: onDefault("pool-dumpxml default-pool --xpath //target/path; pool-dumpxml default-pool --xpath '/pool/name/text()'") },
  { name: 'pool-dumpxml --xpath --wrap', args: onDefault('pool-dumpxml default-pool --inactive --xpath //capacity|//allocation --wrap') },
  { name: 'pool-dumpxml --xpath errors', args: onDefault("pool-dumpxml default-pool --xpath '1 +'; pool-dumpxml default-pool --xpath 'name(/*)'; pool-dumpxml default-pool --xpath //nope") },
  { name: 'vol-dumpxml --xpath', args: onDefault(`${VOL}; vol-dumpxml v1 --pool default-pool --xpath //capacity; vol-dumpxml --pool default-pool v1 --xpath //target --wrap`) },
  { name: 'vol-dumpxml --xpath errors', args: onDefault(`${VOL}; vol-dumpxml v1 --pool default-pool --xpath '//@'; vol-dumpxml v1 --pool default-pool --xpath 'string(//key)'; vol-dumpxml v1 --pool default-pool --xpath //none --wrap`) },
  { name: 'snapshot-dumpxml --xpath', args: onDefault("snapshot-create-as test s1 --description d; snapshot-dumpxml test s1 --xpath //description; snapshot-dumpxml test s1 --xpath '/domainsnapshot/name|//state' --wrap") },
  { name: 'snapshot-dumpxml --xpath errors', args: onDefault("snapshot-create-as test s1; snapshot-dumpxml test s1 --xpath '(('; snapshot-dumpxml test s1 --xpath 'true()'; snapshot-dumpxml test s1 --xpath //nothing") },
  { name: 'nodedev-dumpxml --xpath', args: onDefault('nodedev-dumpxml computer --xpath //capability; nodedev-dumpxml computer --xpath //name --wrap') },
  { name: 'nodedev-dumpxml --xpath errors', args: onDefault("nodedev-dumpxml computer --xpath '//name/'; nodedev-dumpxml computer --xpath 'sum(//x)'; nodedev-dumpxml computer --xpath //zz") },
  { name: 'iface-dumpxml --xpath', args: onDefault('iface-dumpxml eth1 --xpath //mac/@address; iface-dumpxml eth1 --inactive --xpath //protocol --wrap') },
  { name: 'iface-dumpxml --xpath errors', args: onDefault("iface-dumpxml eth1 --xpath '//@'; iface-dumpxml eth1 --xpath 'concat(1,2)'; iface-dumpxml eth1 --xpath //zz --wrap") },
  { name: 'object dumpxml --xpath needs a value', args: onDefault('net-dumpxml default --xpath') },
  // An empty expression fails the command with no message (after the lookup).
  { name: 'dumpxml --xpath empty', args: onDefault("dumpxml test --xpath ''; net-dumpxml default --xpath= --wrap; dumpxml nope --xpath ''; uri") },
  // libxml2's own stderr lines: the message, then the expression and a caret where it stopped inside it.
  { name: 'dumpxml --xpath syntax errors', args: onDefault("dumpxml test --xpath '[bad' --wrap; dumpxml test --xpath 'a b'; dumpxml test --xpath '//name]'; "
    + "dumpxml test --xpath '@@'; dumpxml test --xpath '1.2.3'; dumpxml test --xpath 'bogus::a'; dumpxml test --xpath 'text(x)'; dumpxml test --xpath '//a[]'; "
    + "dumpxml test --xpath '//a[1'; dumpxml test --xpath 'node('; dumpxml test --xpath \"'abc\"; dumpxml test --xpath 'a/[/['") },
  { name: 'dumpxml --xpath evaluation errors', args: onDefault("dumpxml test --xpath '$x'; dumpxml test --xpath 'concat(1)' --wrap; dumpxml test --xpath 'foo()'; "
    + "dumpxml test --xpath 'a:b'; dumpxml test --xpath 'foo:bar()'; dumpxml test --xpath '//disk[foo()]'; dumpxml test --xpath 'a|'") },
  // Results that are not node sets, type errors met while evaluating, no context position or size.
  { name: 'dumpxml --xpath values and type errors', args: onDefault("dumpxml test --xpath 'count(1)'; dumpxml test --xpath 'string(/domain/name)'; "
    + "dumpxml test --xpath '1+1'; dumpxml test --xpath 'true()'; dumpxml test --xpath 'string('; dumpxml test --xpath '1 + string( '; "
    + "dumpxml test --xpath '1|//name'; dumpxml test --xpath '(1)[1]'; dumpxml test --xpath '\"a\"/b'; dumpxml test --xpath 'name(1)'; "
    + "dumpxml test --xpath 'sum(\"1\")'; dumpxml test --xpath '//name[count(1)]'; dumpxml test --xpath '//nothing[count(1)]'; "
    + "dumpxml test --xpath 'position()'; dumpxml test --xpath 'boolean(last())'; dumpxml test --xpath '(//disk)[last()]/@device'; "
    + "dumpxml test --xpath 'id(1)'; dumpxml test --xpath '1|$v'") },
  // The document node, text and attribute nodes, bare and wrapped.
  { name: 'net-dumpxml --xpath document and text nodes', args: onDefault("net-dumpxml default --xpath /; net-dumpxml default --xpath '/ | //ip' --wrap; "
    + "net-dumpxml default --xpath '//name/..'; net-dumpxml default --xpath '//text()'; net-dumpxml default --xpath '//text()' --wrap; "
    + "net-dumpxml default --xpath '//@*' --wrap; net-dumpxml default --xpath '//node()' --wrap; net-dumpxml default --xpath '//name/text()|//uuid' --wrap; "
    + "net-dumpxml default --xpath '//range/@*|//ip/@*' --wrap") },
];

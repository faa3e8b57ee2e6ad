/*
 * The floor of the snapshot benchmarks: every case of bench/snapshot-bench.pl
 * made as the bare libvirt calls from C, with nothing in between. No Perl
 * binding can do less work than this.
 *
 * bench/run builds it with
 *     cc -O2 -o floor bench/floor.c `pkg-config --cflags --libs libvirt`
 * and drives it with the same requests and answers as the Perl worker:
 *     --serve            "run CASE N" -> "ok CPU_SECONDS RSS_KB_BEFORE RSS_KB_AFTER"
 *     --callgrind PLAN   CASE:N,... each run N (warm-up), N and 2N times, between getppid() markers
 *     --trees LIST       tree sizes to build (default 1000,10000)
 *     --objects N        storage pools and volumes to make (default 10000)
 *     --networks N       networks to make (default 2000)
 */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#if defined(__has_include)
# if __has_include(<valgrind/callgrind.h>)
#  include <valgrind/callgrind.h>
#  define HAVE_CALLGRIND_H 1
# endif
#endif

static volatile long sink;
static volatile pid_t marker;

static void fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "floor: ");
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    virErrorPtr err = virGetLastError();
    if (err && err->message)
        fprintf(stderr, " (libvirt: %s)", err->message);
    fputc('\n', stderr);
    exit(1);
}

static void quiet(void *opaque, virErrorPtr err)
{
    (void)opaque;
    (void)err;
}

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long rss_kb(void)
{
    long size = 0, resident = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return 0;
    if (fscanf(f, "%ld %ld", &size, &resident) != 2)
        resident = 0;
    fclose(f);
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

/* ------------------------------------------------------------ fixtures */

static virConnectPtr conn;
static virDomainPtr test_dom, create_dom;
static virDomainSnapshotPtr one;
static char *dom_xml;

static char *replace_once(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    if (!at)
        return NULL;
    size_t head = at - s, fl = strlen(from), tl = strlen(to), rest = strlen(at + fl);
    char *out = malloc(head + tl + rest + 1);
    memcpy(out, s, head);
    memcpy(out + head, to, tl);
    memcpy(out + head + tl, at + fl, rest + 1);
    return out;
}

static virDomainPtr new_domain(const char *name)
{
    char tag[128];
    snprintf(tag, sizeof tag, "<name>%s</name>", name);
    char *xml = replace_once(dom_xml, "<name>test</name>", tag);
    if (!xml)
        fail("no <name> in the test domain");
    virDomainPtr dom = virDomainCreateXML(conn, xml, 0);
    if (!dom)
        fail("cannot create domain %s", name);
    free(xml);
    return dom;
}

static virDomainSnapshotPtr create_snap(virDomainPtr dom, const char *name)
{
    char xml[256];
    snprintf(xml, sizeof xml, "<domainsnapshot><name>%s</name></domainsnapshot>", name);
    virDomainSnapshotPtr s = virDomainSnapshotCreateXML(dom, xml, 0);
    if (!s)
        fail("cannot create snapshot %s", name);
    return s;
}

struct tree {
    char key[24];
    int deep;
    int size;
    int built;
    int count;
    virDomainPtr dom;
    virDomainSnapshotPtr root;
};

#define MAX_TREES 16
static struct tree trees[MAX_TREES];
static int ntrees;

static void build_tree(struct tree *t)
{
    char name[64];
    if (t->built)
        return;
    snprintf(name, sizeof name, "bench-%s", t->key);
    t->dom = new_domain(name);
    if (t->deep) {
        for (int i = 1; i <= t->size; i++) {
            snprintf(name, sizeof name, "d%d", i);
            virDomainSnapshotPtr s = create_snap(t->dom, name);
            if (i == 1)
                t->root = s;
            else
                virDomainSnapshotFree(s);
        }
    } else {
        t->root = create_snap(t->dom, "w0");
        char *xml = virDomainSnapshotGetXMLDesc(t->root, 0);
        if (!xml)
            fail("no XML for w0");
        char *at = strstr(xml, "<name>w0</name>");
        if (!at)
            fail("no <name> in the snapshot XML");
        size_t head = at - xml;
        const char *post = at + strlen("<name>w0</name>");
        size_t len = strlen(xml) + 128;
        char *buf = malloc(len);
        for (int i = 1; i < t->size; i++) {
            snprintf(buf, len, "%.*s<name>w%d</name><parent><name>w0</name></parent>%s",
                     (int)head, xml, i, post);
            virDomainSnapshotPtr s = virDomainSnapshotCreateXML(t->dom, buf, VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE);
            if (!s)
                fail("cannot redefine snapshot w%d", i);
            virDomainSnapshotFree(s);
        }
        free(buf);
        free(xml);
    }
    t->count = virDomainSnapshotNum(t->dom, 0);
    if (t->count != t->size)
        fail("tree %s has %d snapshots, not %d", t->key, t->count, t->size);
    t->built = 1;
}

/* --------------------------------------------------------------- cases */

struct bench_case {
    char name[96];
    struct tree *tree;
    const char *needs;
    void (*prep)(long n, struct tree *t);
    void (*body)(long n, struct tree *t);
    void (*cleanup)(long n, struct tree *t);
};

#define MAX_CASES 128
static struct bench_case cases[MAX_CASES];
static int ncases;

static void add_case(const char *name, struct tree *t, void (*prep)(long, struct tree *),
                     void (*body)(long, struct tree *), void (*cleanup)(long, struct tree *))
{
    if (ncases == MAX_CASES)
        fail("too many cases");
    struct bench_case *c = &cases[ncases++];
    snprintf(c->name, sizeof c->name, "%s", name);
    c->tree = t;
    c->needs = NULL;
    c->prep = prep;
    c->body = body;
    c->cleanup = cleanup;
}

static void one_get_name(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++)
        sink = (long)virDomainSnapshotGetName(one);
}

static void one_is_current(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++)
        sink = virDomainSnapshotIsCurrent(one, 0);
}

static void one_has_metadata(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++)
        sink = virDomainSnapshotHasMetadata(one, 0);
}

static void one_num_children(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++)
        sink = virDomainSnapshotNumChildren(one, 0);
}

static void one_get_parent(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        virDomainSnapshotPtr p = virDomainSnapshotGetParent(one, 0);
        if (!p)
            fail("get_parent");
        virDomainSnapshotFree(p);
    }
}

static void one_get_xml(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        char *x = virDomainSnapshotGetXMLDesc(one, 0);
        if (!x)
            fail("get_xml_description");
        free(x);
    }
}

static void dom_lookup(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        virDomainSnapshotPtr s = virDomainSnapshotLookupByName(test_dom, "one-b", 0);
        if (!s)
            fail("get_snapshot_by_name");
        virDomainSnapshotFree(s);
    }
}

/* A binding must at least read the error before it clears it. */
static void lookup_missing_once(void)
{
    virDomainSnapshotPtr s = virDomainSnapshotLookupByName(test_dom, "no-such-snapshot", 0);
    if (s)
        fail("the missing snapshot was found");
    virErrorPtr err = virGetLastError();
    sink = err ? err->code : -1;
    virResetLastError();
}

static void dom_lookup_missing(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++)
        lookup_missing_once();
}

static long create_seq;
static char **create_xml;
static char create_first[32];

static void create_prep(long n, struct tree *t)
{
    (void)t;
    create_xml = calloc(n, sizeof *create_xml);
    snprintf(create_first, sizeof create_first, "c%ld", create_seq);
    for (long i = 0; i < n; i++) {
        create_xml[i] = malloc(96);
        snprintf(create_xml[i], 96, "<domainsnapshot><name>c%ld</name></domainsnapshot>", create_seq++);
    }
}

static void create_body(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        virDomainSnapshotPtr s = virDomainSnapshotCreateXML(create_dom, create_xml[i], 0);
        if (!s)
            fail("create_snapshot");
        virDomainSnapshotFree(s);
    }
}

static void create_cleanup(long n, struct tree *t)
{
    (void)t;
    virDomainSnapshotPtr first = virDomainSnapshotLookupByName(create_dom, create_first, 0);
    if (!first || virDomainSnapshotDelete(first, VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN) < 0)
        fail("cannot delete the created snapshots");
    virDomainSnapshotFree(first);
    for (long i = 0; i < n; i++)
        free(create_xml[i]);
    free(create_xml);
    create_xml = NULL;
    if (virDomainSnapshotNum(create_dom, 0) != 0)
        fail("create_snapshot left snapshots behind");
}

static void free_list(virDomainSnapshotPtr *list, int count)
{
    for (int i = 0; i < count; i++)
        virDomainSnapshotFree(list[i]);
    free(list);
}

static void tree_list_all(long n, struct tree *t)
{
    for (long i = 0; i < n; i++) {
        virDomainSnapshotPtr *list = NULL;
        int count = virDomainListAllSnapshots(t->dom, &list, 0);
        if (count != t->count)
            fail("list_all_snapshots");
        free_list(list, count);
    }
}

static virDomainSnapshotPtr **held_lists;
static int *held_counts;

static void drop_prep(long n, struct tree *t)
{
    held_lists = calloc(n, sizeof *held_lists);
    held_counts = calloc(n, sizeof *held_counts);
    for (long i = 0; i < n; i++) {
        held_counts[i] = virDomainListAllSnapshots(t->dom, &held_lists[i], 0);
        if (held_counts[i] != t->count)
            fail("list_all_snapshots");
    }
}

static void drop_body(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++)
        free_list(held_lists[i], held_counts[i]);
}

static void drop_cleanup(long n, struct tree *t)
{
    (void)n;
    (void)t;
    free(held_lists);
    free(held_counts);
    held_lists = NULL;
    held_counts = NULL;
}

static void tree_list_names(long n, struct tree *t)
{
    for (long i = 0; i < n; i++) {
        char **names = malloc(t->count * sizeof *names);
        int count = virDomainSnapshotListNames(t->dom, names, t->count, 0);
        if (count != t->count)
            fail("list_snapshot_names");
        for (int j = 0; j < count; j++)
            free(names[j]);
        free(names);
    }
}

static void tree_list_children(long n, struct tree *t)
{
    for (long i = 0; i < n; i++) {
        virDomainSnapshotPtr *list = NULL;
        int count = virDomainSnapshotListAllChildren(t->root, &list, VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS);
        if (count != t->count - 1)
            fail("list_all_children");
        free_list(list, count);
    }
}

static void tree_num(long n, struct tree *t)
{
    for (long i = 0; i < n; i++)
        sink = virDomainSnapshotNum(t->dom, 0);
}

static char churn_names[1000][16];

static void churn_objects(long n, struct tree *t)
{
    for (long i = 0; i < n; i++) {
        for (int j = 0; j < 1000; j++) {
            virDomainSnapshotPtr s = virDomainSnapshotLookupByName(t->dom, churn_names[j], 0);
            if (!s)
                fail("churn lookup");
            virDomainSnapshotFree(s);
        }
    }
}

static void churn_errors(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n * 1000; i++)
        lookup_missing_once();
}

/* ------------------------------------- networks, storage, domains, node */

/* The same fixtures as the Perl worker's build_fixture, made on demand. */
static long n_objects = 10000, n_networks = 2000;
static int built_nets, built_pools, built_vols, built_doms;
static virStoragePoolPtr vol_pool;
static char mid_pool[32], mid_vol[32];

static void build_fixture(const char *what)
{
    char xml[512];
    if (!what)
        return;
    if (strcmp(what, "nets") == 0 && !built_nets) {
        for (long i = 1; i <= n_networks; i++) {
            snprintf(xml, sizeof xml, "<network><name>bn%ld</name></network>", i);
            virNetworkPtr net = virNetworkCreateXML(conn, xml);
            if (!net)
                fail("cannot create network bn%ld", i);
            virNetworkFree(net);
        }
        built_nets = 1;
    } else if (strcmp(what, "pools") == 0 && !built_pools) {
        for (long i = 1; i <= n_objects; i++) {
            snprintf(xml, sizeof xml,
                     "<pool type='dir'><name>bp%ld</name><target><path>/bench/bp%ld</path></target></pool>", i, i);
            virStoragePoolPtr pool = virStoragePoolDefineXML(conn, xml, 0);
            if (!pool)
                fail("cannot define pool bp%ld", i);
            virStoragePoolFree(pool);
        }
        built_pools = 1;
    } else if (strcmp(what, "vols") == 0 && !built_vols) {
        for (long i = 1; i <= n_objects; i++) {
            snprintf(xml, sizeof xml, "<volume><name>bv%ld</name><capacity>1048576</capacity></volume>", i);
            virStorageVolPtr vol = virStorageVolCreateXML(vol_pool, xml, 0);
            if (!vol)
                fail("cannot create volume bv%ld", i);
            virStorageVolFree(vol);
        }
        built_vols = 1;
    } else if (strcmp(what, "doms") == 0 && !built_doms) {
        char name[32];
        for (int i = 1; i <= 1000; i++) {
            snprintf(name, sizeof name, "bench-s%d", i);
            virDomainFree(new_domain(name));
        }
        built_doms = 1;
    }
}

static void net_list_all(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        virNetworkPtr *list = NULL;
        int count = virConnectListAllNetworks(conn, &list, 0);
        if (count != n_networks + 1)
            fail("list_all_networks");
        for (int j = 0; j < count; j++)
            virNetworkFree(list[j]);
        free(list);
    }
}

/* The legacy lists: count, names, then one lookup a name. */
static void net_list_names(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        int max = virConnectNumOfNetworks(conn);
        char **names = malloc(max * sizeof *names);
        int count = virConnectListNetworks(conn, names, max);
        if (count != n_networks + 1)
            fail("list_networks");
        virNetworkPtr *nets = malloc(count * sizeof *nets);
        for (int j = 0; j < count; j++) {
            nets[j] = virNetworkLookupByName(conn, names[j]);
            if (!nets[j])
                fail("network %s", names[j]);
            free(names[j]);
        }
        for (int j = 0; j < count; j++)
            virNetworkFree(nets[j]);
        free(nets);
        free(names);
    }
}

/* One operation looks up every network name once (see the Perl worker). */
static char (*net_names)[24];

static void net_lookup(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        for (long j = 0; j < n_networks; j++) {
            virNetworkPtr net = virNetworkLookupByName(conn, net_names[j]);
            if (!net)
                fail("get_network_by_name");
            virNetworkFree(net);
        }
    }
}

static void pool_list_all(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        virStoragePoolPtr *list = NULL;
        int count = virConnectListAllStoragePools(conn, &list, 0);
        if (count != n_objects + 1)
            fail("list_all_storage_pools");
        for (int j = 0; j < count; j++)
            virStoragePoolFree(list[j]);
        free(list);
    }
}

static void pool_list_defined(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        int max = virConnectNumOfDefinedStoragePools(conn);
        char **names = malloc(max * sizeof *names);
        int count = virConnectListDefinedStoragePools(conn, names, max);
        if (count != n_objects)
            fail("list_defined_storage_pools");
        virStoragePoolPtr *pools = malloc(count * sizeof *pools);
        for (int j = 0; j < count; j++) {
            pools[j] = virStoragePoolLookupByName(conn, names[j]);
            if (!pools[j])
                fail("pool %s", names[j]);
            free(names[j]);
        }
        for (int j = 0; j < count; j++)
            virStoragePoolFree(pools[j]);
        free(pools);
        free(names);
    }
}

static void pool_lookup(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        virStoragePoolPtr pool = virStoragePoolLookupByName(conn, mid_pool);
        if (!pool)
            fail("get_storage_pool_by_name");
        virStoragePoolFree(pool);
    }
}

static void vol_list_all(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        virStorageVolPtr *list = NULL;
        int count = virStoragePoolListAllVolumes(vol_pool, &list, 0);
        if (count != n_objects)
            fail("list_all_volumes");
        for (int j = 0; j < count; j++)
            virStorageVolFree(list[j]);
        free(list);
    }
}

static void vol_list_names(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        int max = virStoragePoolNumOfVolumes(vol_pool);
        char **names = malloc(max * sizeof *names);
        int count = virStoragePoolListVolumes(vol_pool, names, max);
        if (count != n_objects)
            fail("list_volumes");
        virStorageVolPtr *vols = malloc(count * sizeof *vols);
        for (int j = 0; j < count; j++) {
            vols[j] = virStorageVolLookupByName(vol_pool, names[j]);
            if (!vols[j])
                fail("volume %s", names[j]);
            free(names[j]);
        }
        for (int j = 0; j < count; j++)
            virStorageVolFree(vols[j]);
        free(vols);
        free(names);
    }
}

static void vol_lookup(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        virStorageVolPtr vol = virStorageVolLookupByName(vol_pool, mid_vol);
        if (!vol)
            fail("get_volume_by_name");
        virStorageVolFree(vol);
    }
}

static void all_domain_stats(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        virDomainStatsRecordPtr *recs = NULL;
        int count = virConnectGetAllDomainStats(conn, 0, &recs, 0);
        if (count <= 1000)
            fail("get_all_domain_stats");
        virDomainStatsRecordListFree(recs);
    }
}

static void dom_get_info(long n, struct tree *t)
{
    (void)t;
    virDomainInfo info;
    for (long i = 0; i < n; i++) {
        if (virDomainGetInfo(test_dom, &info) < 0)
            fail("get_info");
        sink = info.state;
    }
}

/* A binding learns the count (and the parameters' types, to set them)
 * from the scheduler type and the current values. */
static void dom_get_sched(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        int nparams = 0;
        char *type = virDomainGetSchedulerType(test_dom, &nparams);
        if (!type)
            fail("scheduler type");
        free(type);
        virTypedParameterPtr params = calloc(nparams, sizeof *params);
        if (virDomainGetSchedulerParameters(test_dom, params, &nparams) < 0)
            fail("get_scheduler_parameters");
        sink = params[0].value.ui;
        virTypedParamsClear(params, nparams);
        free(params);
    }
}

static void dom_set_sched(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        int nparams = 0;
        char *type = virDomainGetSchedulerType(test_dom, &nparams);
        if (!type)
            fail("scheduler type");
        free(type);
        virTypedParameterPtr params = calloc(nparams, sizeof *params);
        if (virDomainGetSchedulerParameters(test_dom, params, &nparams) < 0)
            fail("get_scheduler_parameters");
        for (int j = 0; j < nparams; j++)
            if (strcmp(params[j].field, "weight") == 0)
                params[j].value.ui = 50;
        if (virDomainSetSchedulerParameters(test_dom, params, nparams) < 0)
            fail("set_scheduler_parameters");
        virTypedParamsClear(params, nparams);
        free(params);
    }
}

static void dom_get_memory(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        int nparams = 0;
        if (virDomainGetMemoryParameters(test_dom, NULL, &nparams, 0) < 0)
            fail("memory parameter count");
        virTypedParameterPtr params = calloc(nparams, sizeof *params);
        if (virDomainGetMemoryParameters(test_dom, params, &nparams, 0) < 0)
            fail("get_memory_parameters");
        sink = (long)params[0].value.ul;
        virTypedParamsClear(params, nparams);
        free(params);
    }
}

static void node_get_info(long n, struct tree *t)
{
    (void)t;
    virNodeInfo info;
    for (long i = 0; i < n; i++) {
        if (virNodeGetInfo(conn, &info) < 0)
            fail("get_node_info");
        sink = info.cpus;
    }
}

static void node_cpu_stats(long n, struct tree *t)
{
    (void)t;
    for (long i = 0; i < n; i++) {
        int nparams = 0;
        if (virNodeGetCPUStats(conn, VIR_NODE_CPU_STATS_ALL_CPUS, NULL, &nparams, 0) < 0)
            fail("cpu stats count");
        virNodeCPUStatsPtr params = calloc(nparams, sizeof *params);
        if (virNodeGetCPUStats(conn, VIR_NODE_CPU_STATS_ALL_CPUS, params, &nparams, 0) < 0)
            fail("get_node_cpu_stats");
        sink = (long)params[0].value;
        free(params);
    }
}

static struct bench_case *find_case(const char *name)
{
    for (int i = 0; i < ncases; i++)
        if (strcmp(cases[i].name, name) == 0)
            return &cases[i];
    return NULL;
}

static struct tree *find_tree(const char *key)
{
    for (int i = 0; i < ntrees; i++)
        if (strcmp(trees[i].key, key) == 0)
            return &trees[i];
    return NULL;
}

static void setup_cases(const char *tree_sizes)
{
    char *sizes = strdup(tree_sizes), *save = NULL;
    add_case("one.get_name", NULL, NULL, one_get_name, NULL);
    add_case("one.is_current", NULL, NULL, one_is_current, NULL);
    add_case("one.has_metadata", NULL, NULL, one_has_metadata, NULL);
    add_case("one.num_of_child_snapshots", NULL, NULL, one_num_children, NULL);
    add_case("one.get_parent", NULL, NULL, one_get_parent, NULL);
    add_case("one.get_xml_description", NULL, NULL, one_get_xml, NULL);
    add_case("dom.get_snapshot_by_name", NULL, NULL, dom_lookup, NULL);
    add_case("dom.get_snapshot_by_name_missing", NULL, NULL, dom_lookup_missing, NULL);
    add_case("dom.create_snapshot", NULL, create_prep, create_body, create_cleanup);
    for (char *tok = strtok_r(sizes, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        int size = atoi(tok);
        if (size < 2)
            fail("bad tree size '%s'", tok);
        for (int deep = 1; deep >= 0; deep--) {
            if (ntrees == MAX_TREES)
                fail("too many trees");
            struct tree *t = &trees[ntrees++];
            t->deep = deep;
            t->size = size;
            if (size % 1000 == 0)
                snprintf(t->key, sizeof t->key, "%s%dk", deep ? "deep" : "wide", size / 1000);
            else
                snprintf(t->key, sizeof t->key, "%s%d", deep ? "deep" : "wide", size);
            char name[96];
            snprintf(name, sizeof name, "%s.list_all_snapshots", t->key);
            add_case(name, t, NULL, tree_list_all, NULL);
            snprintf(name, sizeof name, "%s.drop_objects", t->key);
            add_case(name, t, drop_prep, drop_body, drop_cleanup);
            snprintf(name, sizeof name, "%s.list_snapshot_names", t->key);
            add_case(name, t, NULL, tree_list_names, NULL);
            snprintf(name, sizeof name, "%s.list_all_children", t->key);
            add_case(name, t, NULL, tree_list_children, NULL);
            snprintf(name, sizeof name, "%s.num_of_snapshots", t->key);
            add_case(name, t, NULL, tree_num, NULL);
        }
    }
    free(sizes);
    struct tree *churn_tree = find_tree("deep1k");
    if (!churn_tree) {
        /* The churn cases always use the 1000-snapshot chain. */
        struct tree *t = &trees[ntrees++];
        t->deep = 1;
        t->size = 1000;
        snprintf(t->key, sizeof t->key, "deep1k");
        churn_tree = t;
    }
    for (int j = 0; j < 1000; j++)
        snprintf(churn_names[j], sizeof churn_names[j], "d%d", j + 1);
    add_case("churn.objects", churn_tree, NULL, churn_objects, NULL);
    add_case("churn.errors", NULL, NULL, churn_errors, NULL);

    net_names = calloc(n_networks, sizeof *net_names);
    for (long j = 0; j < n_networks; j++)
        snprintf(net_names[j], sizeof net_names[j], "bn%ld", j + 1);
    snprintf(mid_pool, sizeof mid_pool, "bp%ld", (n_objects + 1) / 2);
    snprintf(mid_vol, sizeof mid_vol, "bv%ld", (n_objects + 1) / 2);
    add_case("net.list_all_networks", NULL, NULL, net_list_all, NULL);
    cases[ncases - 1].needs = "nets";
    add_case("net.list_networks", NULL, NULL, net_list_names, NULL);
    cases[ncases - 1].needs = "nets";
    add_case("net.get_network_by_name", NULL, NULL, net_lookup, NULL);
    cases[ncases - 1].needs = "nets";
    add_case("pool.list_all_storage_pools", NULL, NULL, pool_list_all, NULL);
    cases[ncases - 1].needs = "pools";
    add_case("pool.list_defined_storage_pools", NULL, NULL, pool_list_defined, NULL);
    cases[ncases - 1].needs = "pools";
    add_case("pool.get_storage_pool_by_name", NULL, NULL, pool_lookup, NULL);
    cases[ncases - 1].needs = "pools";
    add_case("vol.list_all_volumes", NULL, NULL, vol_list_all, NULL);
    cases[ncases - 1].needs = "vols";
    add_case("vol.list_volumes", NULL, NULL, vol_list_names, NULL);
    cases[ncases - 1].needs = "vols";
    add_case("vol.get_volume_by_name", NULL, NULL, vol_lookup, NULL);
    cases[ncases - 1].needs = "vols";
    add_case("stats.get_all_domain_stats", NULL, NULL, all_domain_stats, NULL);
    cases[ncases - 1].needs = "doms";
    add_case("dom.get_info", NULL, NULL, dom_get_info, NULL);
    add_case("dom.get_scheduler_parameters", NULL, NULL, dom_get_sched, NULL);
    add_case("dom.set_scheduler_parameters", NULL, NULL, dom_set_sched, NULL);
    add_case("dom.get_memory_parameters", NULL, NULL, dom_get_memory, NULL);
    add_case("node.get_node_info", NULL, NULL, node_get_info, NULL);
    add_case("node.get_node_cpu_stats", NULL, NULL, node_cpu_stats, NULL);
}

static void base_fixtures(void)
{
    virSetErrorFunc(NULL, quiet);
    conn = virConnectOpen("test:///default");
    if (!conn)
        fail("cannot open test:///default");
    test_dom = virDomainLookupByName(conn, "test");
    if (!test_dom)
        fail("no domain 'test'");
    char *xml = virDomainGetXMLDesc(test_dom, 0);
    if (!xml)
        fail("no XML for 'test'");
    char *u0 = strstr(xml, "<uuid>"), *u1 = u0 ? strstr(u0, "</uuid>") : NULL;
    if (u0 && u1)
        memmove(u0, u1 + strlen("</uuid>"), strlen(u1 + strlen("</uuid>")) + 1);
    dom_xml = xml;
    virDomainSnapshotFree(create_snap(test_dom, "one-a"));
    one = create_snap(test_dom, "one-b");
    virDomainSnapshotFree(create_snap(test_dom, "one-c"));
    create_dom = new_domain("bench-create");
    vol_pool = virStoragePoolLookupByName(conn, "default-pool");
    if (!vol_pool)
        fail("no storage pool 'default-pool'");
}

static void run_case(struct bench_case *c, long n, double *secs, long *rss0, long *rss1)
{
    if (c->prep)
        c->prep(n, c->tree);
    *rss0 = rss_kb();
    marker = getppid();
    double t0 = cpu();
    c->body(n, c->tree);
    double t1 = cpu();
    marker = getppid();
    *rss1 = rss_kb();
    if (c->cleanup)
        c->cleanup(n, c->tree);
    *secs = t1 - t0;
}

int main(int argc, char **argv)
{
    const char *tree_sizes = "1000,10000";
    const char *plan = NULL;
    int serve = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--serve") == 0)
            serve = 1;
        else if (strcmp(argv[i], "--callgrind") == 0 && i + 1 < argc)
            plan = argv[++i];
        else if (strcmp(argv[i], "--trees") == 0 && i + 1 < argc)
            tree_sizes = argv[++i];
        else if (strcmp(argv[i], "--objects") == 0 && i + 1 < argc)
            n_objects = atol(argv[++i]);
        else if (strcmp(argv[i], "--networks") == 0 && i + 1 < argc)
            n_networks = atol(argv[++i]);
        else
            fail("unknown argument '%s'", argv[i]);
    }
    if (!serve && !plan)
        fail("give --serve or --callgrind PLAN");

    base_fixtures();
    setup_cases(tree_sizes);
    double secs;
    long rss0, rss1;

    if (plan) {
        char *copy = strdup(plan), *save = NULL;
        struct { struct bench_case *c; long n; } steps[MAX_CASES];
        int nsteps = 0;
        for (char *tok = strtok_r(copy, ",", &save); tok && nsteps < MAX_CASES; tok = strtok_r(NULL, ",", &save)) {
            char *colon = strchr(tok, ':');
            if (!colon)
                fail("bad plan entry '%s'", tok);
            *colon = '\0';
            struct bench_case *c = find_case(tok);
            if (!c)
                fail("unknown case '%s'", tok);
            if (c->tree)
                build_tree(c->tree);
            build_fixture(c->needs);
            steps[nsteps].c = c;
            steps[nsteps].n = atol(colon + 1);
            nsteps++;
        }
#ifdef HAVE_CALLGRIND_H
        CALLGRIND_START_INSTRUMENTATION;
#else
        char cmd[64];
        snprintf(cmd, sizeof cmd, "callgrind_control -i on %d", (int)getpid());
        if (system(cmd) != 0)
            fprintf(stderr, "floor: %s failed\n", cmd);
#endif
        for (int i = 0; i < nsteps; i++) {
            /* a warm-up, then N, then 2N */
            run_case(steps[i].c, steps[i].n, &secs, &rss0, &rss1);
            run_case(steps[i].c, steps[i].n, &secs, &rss0, &rss1);
            run_case(steps[i].c, 2 * steps[i].n, &secs, &rss0, &rss1);
        }
        printf("done\n");
        free(copy);
        return 0;
    }

    for (int i = 0; i < ncases; i++) {
        if (cases[i].tree)
            build_tree(cases[i].tree);
        build_fixture(cases[i].needs);
    }
    unsigned long version = 0;
    virGetVersion(&version, NULL, NULL);
    printf("ready floor libvirt-%lu.%lu.%lu\n", version / 1000000, version / 1000 % 1000, version % 1000);
    fflush(stdout);

    char line[512];
    while (fgets(line, sizeof line, stdin)) {
        char cmd[32] = "", name[256] = "";
        long n = 0;
        if (sscanf(line, "%31s %255s %ld", cmd, name, &n) < 1)
            continue;
        if (strcmp(cmd, "quit") == 0)
            break;
        if (strcmp(cmd, "cases") == 0) {
            for (int i = 0; i < ncases; i++)
                printf("%s%s", i ? " " : "", cases[i].name);
            printf("\n");
        } else if (strcmp(cmd, "run") == 0) {
            struct bench_case *c = find_case(name);
            if (!c || n < 1) {
                printf("na\n");
            } else {
                run_case(c, n, &secs, &rss0, &rss1);
                printf("ok %.9f %ld %ld\n", secs, rss0, rss1);
            }
        } else {
            printf("error unknown command '%s'\n", cmd);
        }
        fflush(stdout);
    }
    return 0;
}

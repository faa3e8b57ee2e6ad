//! Sys::Virt::Domain, block jobs: copying, pulling, rebasing and
//! committing a disk's chain of images while the domain runs, and
//! watching or stopping the job that does it.

use crate::bridge::{Flags, HashArg, HashOf, Obj, WriteFields};
use crate::libvirt::args::{c_opt, c_string};
use crate::libvirt::kinds::Domain;
use crate::libvirt::params::{Fields, Params, Type};
use crate::libvirt::ret;

/// The tuning fields of virDomainBlockCopy, with the types libvirt
/// validates them against.
static BLOCK_COPY_FIELDS: &Fields = &[
    (virt_sys::VIR_DOMAIN_BLOCK_COPY_BANDWIDTH, Type::ULLong),
    (virt_sys::VIR_DOMAIN_BLOCK_COPY_GRANULARITY, Type::UInt),
    (virt_sys::VIR_DOMAIN_BLOCK_COPY_BUF_SIZE, Type::ULLong),
];

crate::xsubs! { "Sys::Virt::Domain";
    /// All zeros when no job runs on the disk, as the C module answers.
    fn get_block_job_info(dom: Obj<Domain>, path: String, flags: Flags) -> Result<HashOf<impl WriteFields>> {
        let path = c_string(&path);
        // SAFETY: all-zero is a valid virDomainBlockJobInfo (plain numbers).
        let mut info: virt_sys::virDomainBlockJobInfo = unsafe { std::mem::zeroed() };
        // SAFETY: libvirt fills the struct we own; the path lives across the call.
        ret::non_negative(unsafe { virt_sys::virDomainGetBlockJobInfo(dom.raw(), path.as_ptr(), &mut info, flags.0) })?;
        Ok(HashOf(move |h| {
            h.put("type", info.type_)
                .put("bandwidth", info.bandwidth)
                .put("cur", info.cur)
                .put("end", info.end);
        }))
    }

    fn set_block_job_speed(dom: Obj<Domain>, path: String, bandwidth: u64, flags: Flags) -> Result<()> {
        let path = c_string(&path);
        // SAFETY: the path lives across the call.
        ret::done(unsafe { virt_sys::virDomainBlockJobSetSpeed(dom.raw(), path.as_ptr(), bandwidth, flags.0) })
    }

    fn abort_block_job(dom: Obj<Domain>, path: String, flags: Flags) -> Result<()> {
        let path = c_string(&path);
        // SAFETY: the path lives across the call.
        ret::done(unsafe { virt_sys::virDomainBlockJobAbort(dom.raw(), path.as_ptr(), flags.0) })
    }

    fn block_pull(dom: Obj<Domain>, path: String, bandwidth: u64, flags: Flags) -> Result<()> {
        let path = c_string(&path);
        // SAFETY: the path lives across the call.
        ret::done(unsafe { virt_sys::virDomainBlockPull(dom.raw(), path.as_ptr(), bandwidth, flags.0) })
    }

    /// An undef `base` is NULL: flatten the whole chain into the top image.
    fn block_rebase(dom: Obj<Domain>, path: String, base: Option<String>, bandwidth: u64, flags: Flags) -> Result<()> {
        let (path, base) = (c_string(&path), base.as_deref().map(c_string));
        // SAFETY: the strings live across the call.
        ret::done(unsafe { virt_sys::virDomainBlockRebase(dom.raw(), path.as_ptr(), c_opt(&base), bandwidth, flags.0) })
    }

    fn block_copy(dom: Obj<Domain>, path: String, destxml: String, params: Option<HashArg>, flags: Flags) -> Result<()> {
        let tuning = match params {
            Some(hash) => Params::from_fields(hash, BLOCK_COPY_FIELDS)?,
            None => Params::new(),
        };
        let (path, destxml) = (c_string(&path), c_string(&destxml));
        // SAFETY: the strings and the array live across the call.
        ret::done(unsafe {
            virt_sys::virDomainBlockCopy(dom.raw(), path.as_ptr(), destxml.as_ptr(), tuning.as_ptr(), tuning.count(), flags.0)
        })
    }

    /// An undef `base` or `top` is NULL: libvirt's defaults (the backing
    /// file of `top`; the active image).
    fn block_commit(dom: Obj<Domain>, path: String, base: Option<String>, top: Option<String>, bandwidth: u64, flags: Flags) -> Result<()> {
        let path = c_string(&path);
        let (base, top) = (base.as_deref().map(c_string), top.as_deref().map(c_string));
        // SAFETY: the strings live across the call.
        ret::done(unsafe {
            virt_sys::virDomainBlockCommit(dom.raw(), path.as_ptr(), c_opt(&base), c_opt(&top), bandwidth, flags.0)
        })
    }
}

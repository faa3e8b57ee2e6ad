//! Sys::Virt::Domain, jobs: the background job of a domain (a migration,
//! save, dump or backup in progress), and backups.

use std::os::raw::c_int;

use crate::bridge::{CText, Flags, HashOf, IntoValue, List, Obj, Value, WriteFields};
use crate::libvirt::args::{c_opt, c_string};
use crate::libvirt::kinds::Domain;
use crate::libvirt::params::Params;
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt::Domain";
    fn get_job_info(dom: Obj<Domain>) -> Result<HashOf<impl WriteFields>> {
        // SAFETY: all-zero is a valid virDomainJobInfo (plain numbers).
        let mut info: virt_sys::virDomainJobInfo = unsafe { std::mem::zeroed() };
        // SAFETY: libvirt fills the struct we own.
        ret::non_negative(unsafe { virt_sys::virDomainGetJobInfo(dom.raw(), &mut info) })?;
        Ok(HashOf(move |h| {
            h.put("type", info.type_)
                .put("timeElapsed", info.timeElapsed)
                .put("timeRemaining", info.timeRemaining)
                .put("dataTotal", info.dataTotal)
                .put("dataProcessed", info.dataProcessed)
                .put("dataRemaining", info.dataRemaining)
                .put("memTotal", info.memTotal)
                .put("memProcessed", info.memProcessed)
                .put("memRemaining", info.memRemaining)
                .put("fileTotal", info.fileTotal)
                .put("fileProcessed", info.fileProcessed)
                .put("fileRemaining", info.fileRemaining);
        }))
    }

    /// (type, { field => value }): the type as a number, as documented
    /// (the C module returns a reference to it).
    fn get_job_stats(dom: Obj<Domain>, flags: Flags) -> Result<List<Value>> {
        let mut job_type: c_int = 0;
        // SAFETY: libvirt allocates the array and hands it over.
        let stats = Params::receive(|ptr, len| unsafe { virt_sys::virDomainGetJobStats(dom.raw(), &mut job_type, ptr, len, flags.0) })?;
        Ok(List(vec![Value::Int(job_type.into()), stats.into_value()]))
    }

    /// Without flags this is virDomainAbortJob, which every driver has.
    fn abort_job(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        ret::done(unsafe {
            if flags.0 == 0 {
                virt_sys::virDomainAbortJob(dom.raw())
            } else {
                virt_sys::virDomainAbortJobFlags(dom.raw(), flags.0)
            }
        })
    }

    fn backup_begin(dom: Obj<Domain>, backupxml: Option<String>, checkpointxml: Option<String>, flags: Flags) -> Result<()> {
        let backup = backupxml.as_deref().map(c_string);
        let checkpoint = checkpointxml.as_deref().map(c_string);
        // SAFETY: the strings live across the call; NULL where absent.
        ret::done(unsafe { virt_sys::virDomainBackupBegin(dom.raw(), c_opt(&backup), c_opt(&checkpoint), flags.0) })
    }

    fn backup_get_xml_description(dom: Obj<Domain>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virDomainBackupGetXMLDesc(dom.raw(), flags.0)) }
    }
}

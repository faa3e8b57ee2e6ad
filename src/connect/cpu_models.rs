//! Sys::Virt, the POD's "CPU models" group: the models a hypervisor
//! knows, and comparing and baselining CPU descriptions.

use std::ffi::CString;
use std::os::raw::{c_char, c_uint};

use crate::bridge::{Arg, CText, Flags, Obj, Result, Texts};
use crate::libvirt::args::{c_string, StringList};
use crate::libvirt::kinds::Connect;
use crate::libvirt::lists::adopt_strings;
use crate::libvirt::ret::{self, non_negative};

/// Which hypervisor to ask: emulator binary, architecture, machine type
/// and virtualization type, each required in the argument list but
/// undef for libvirt's default.
pub struct HypervisorTarget {
    pub emulator: Option<CString>,
    pub arch: Option<CString>,
    pub machine: Option<CString>,
    pub virttype: Option<CString>,
}

impl HypervisorTarget {
    pub fn read(emulator: Arg, arch: Arg, machine: Arg, virttype: Arg) -> Result<Self> {
        let text = |arg: Arg| -> Result<Option<CString>> { Ok(arg.string()?.map(|s| c_string(&s))) };
        Ok(HypervisorTarget { emulator: text(emulator)?, arch: text(arch)?, machine: text(machine)?, virttype: text(virttype)? })
    }
}

pub fn opt_ptr(s: &Option<CString>) -> *const c_char {
    crate::libvirt::args::c_opt(s)
}

/// CPU descriptions for a baseline, as libvirt's array and count. The
/// array is never NULL, even when the list is empty.
fn cpu_documents(xml: &StringList) -> (Vec<*const c_char>, c_uint) {
    let mut pointers = xml.pointers();
    let count = pointers.len() as c_uint;
    pointers.push(std::ptr::null());
    (pointers, count)
}

crate::xsubs! { "Sys::Virt";
    fn get_cpu_model_names(con: Obj<Connect>, arch: String, flags: Flags) -> Result<Texts> {
        let arch = c_string(&arch);
        let mut names: *mut *mut c_char = std::ptr::null_mut();
        // SAFETY: libvirt stores a new array of strings through the pointer.
        let count = non_negative(unsafe { virt_sys::virConnectGetCPUModelNames(con.raw(), arch.as_ptr(), &mut names, flags.0) })?;
        // SAFETY: the array just handed over, with `count` strings.
        Ok(unsafe { adopt_strings(names, count) })
    }

    fn compare_cpu(con: Obj<Connect>, xml: String, flags: Flags) -> Result<i32> {
        let xml = c_string(&xml);
        // SAFETY: a C string.
        non_negative(unsafe { virt_sys::virConnectCompareCPU(con.raw(), xml.as_ptr(), flags.0) })
    }

    fn compare_hypervisor_cpu(con: Obj<Connect>, emulator: Arg, arch: Arg, machine: Arg, virttype: Arg, xml: String, flags: Flags) -> Result<i32> {
        let target = HypervisorTarget::read(emulator, arch, machine, virttype)?;
        let xml = c_string(&xml);
        // SAFETY: C strings or NULL, alive for the call.
        non_negative(unsafe {
            virt_sys::virConnectCompareHypervisorCPU(
                con.raw(), opt_ptr(&target.emulator), opt_ptr(&target.arch), opt_ptr(&target.machine), opt_ptr(&target.virttype), xml.as_ptr(), flags.0)
        })
    }

    fn baseline_cpu(con: Obj<Connect>, xml: StringList, flags: Flags) -> Result<CText> {
        let (mut documents, count) = cpu_documents(&xml);
        // SAFETY: `count` C strings that `xml` keeps alive; libvirt hands the result over.
        unsafe { ret::owned_text(virt_sys::virConnectBaselineCPU(con.raw(), documents.as_mut_ptr(), count, flags.0)) }
    }

    fn baseline_hypervisor_cpu(con: Obj<Connect>, emulator: Arg, arch: Arg, machine: Arg, virttype: Arg, xml: StringList, flags: Flags) -> Result<CText> {
        let target = HypervisorTarget::read(emulator, arch, machine, virttype)?;
        let (mut documents, count) = cpu_documents(&xml);
        // SAFETY: as above, with the target's strings or NULL.
        unsafe {
            ret::owned_text(virt_sys::virConnectBaselineHypervisorCPU(
                con.raw(), opt_ptr(&target.emulator), opt_ptr(&target.arch), opt_ptr(&target.machine), opt_ptr(&target.virttype),
                documents.as_mut_ptr(), count, flags.0))
        }
    }
}

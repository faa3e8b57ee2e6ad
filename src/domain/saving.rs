//! Sys::Virt::Domain: saving a domain's memory to a file (and the managed
//! save image libvirt keeps for it), and core dumps.

use std::os::raw::{c_char, c_int};

use crate::bridge::{CText, Flags, HashArg, Obj};
use crate::libvirt::args::{c_opt, c_string};
use crate::libvirt::kinds::Domain;
use crate::libvirt::params::{Params, Type, Typed};
use crate::libvirt::ret;

/// What `save` and `restore_domain` were given: a file and a new domain
/// XML, each positional or in a hash of SAVE_PARAM_* fields.
pub enum SaveTarget {
    /// The older calls (a file, and an optional XML).
    File { file: std::ffi::CString, dxml: Option<std::ffi::CString> },
    /// virDomainSaveParams / virDomainRestoreParams.
    Params(Params),
}

impl SaveTarget {
    /// `sub_name` and `first` (the file argument's name) go into the
    /// message when neither a file nor a hash is given.
    ///
    /// A positional file or XML wins over the hash's field of the same
    /// name, which is read but never written to.
    pub fn from_args(
        sub_name: &str,
        first: &str,
        file: Option<String>,
        dxml: Option<String>,
        params: Option<HashArg>,
    ) -> crate::bridge::Result<SaveTarget> {
        let Some(hash) = params else {
            let Some(file) = file else {
                return Err(crate::bridge::Error::Croak(format!(
                    "{sub_name}: Either ${first} or $params parameter must be supplied"
                )));
            };
            return Ok(SaveTarget::File { file: c_string(&file), dxml: dxml.as_deref().map(c_string) });
        };
        let mut from_hash: Vec<(&'static std::ffi::CStr, Type)> = Vec::new();
        if file.is_none() {
            from_hash.push((virt_sys::VIR_DOMAIN_SAVE_PARAM_FILE, Type::String));
        }
        if dxml.is_none() {
            from_hash.push((virt_sys::VIR_DOMAIN_SAVE_PARAM_DXML, Type::String));
        }
        let mut params = Params::from_fields(hash, &from_hash)?;
        if let Some(file) = file {
            params.add(virt_sys::VIR_DOMAIN_SAVE_PARAM_FILE, Typed::String(file))?;
        }
        if let Some(dxml) = dxml {
            params.add(virt_sys::VIR_DOMAIN_SAVE_PARAM_DXML, Typed::String(dxml))?;
        }
        Ok(SaveTarget::Params(params))
    }

    /// Runs the libvirt call that fits what was given: `by_params(array,
    /// count)` for a hash, `plain(file)` for a file alone without flags
    /// (the oldest call, which every driver has), `by_file(file, dxml)`
    /// otherwise. Each returns libvirt's status.
    pub fn call(
        &self,
        flags: Flags,
        by_params: impl FnOnce(virt_sys::virTypedParameterPtr, c_int) -> c_int,
        plain: impl FnOnce(*const c_char) -> c_int,
        by_file: impl FnOnce(*const c_char, *const c_char) -> c_int,
    ) -> crate::bridge::Result<()> {
        ret::done(match self {
            SaveTarget::Params(p) => by_params(p.as_ptr(), p.count()),
            SaveTarget::File { file, dxml: None } if flags.0 == 0 => plain(file.as_ptr()),
            SaveTarget::File { file, dxml } => by_file(file.as_ptr(), c_opt(dxml)),
        })
    }
}

crate::xsubs! { "Sys::Virt::Domain";
    /// Without an XML or flags this is virDomainSave, which every driver
    /// has; with a hash, virDomainSaveParams.
    fn save(dom: Obj<Domain>, to: Option<String>, dxml: Option<String>, params: Option<HashArg>, flags: Flags) -> Result<()> {
        let target = SaveTarget::from_args("Sys::Virt::Domain::save", "to", to, dxml, params)?;
        let dom = dom.raw();
        // SAFETY (all three): the target keeps the strings and the array alive across the call.
        target.call(
            flags,
            |array, count| unsafe { virt_sys::virDomainSaveParams(dom, array, count, flags.0) },
            |file| unsafe { virt_sys::virDomainSave(dom, file) },
            |file, dxml| unsafe { virt_sys::virDomainSaveFlags(dom, file, dxml, flags.0) },
        )
    }

    fn managed_save(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        ret::done(unsafe { virt_sys::virDomainManagedSave(dom.raw(), flags.0) })
    }

    fn has_managed_save_image(dom: Obj<Domain>, flags: Flags) -> Result<i32> {
        // SAFETY: a live domain.
        ret::non_negative(unsafe { virt_sys::virDomainHasManagedSaveImage(dom.raw(), flags.0) })
    }

    fn managed_save_remove(dom: Obj<Domain>, flags: Flags) -> Result<()> {
        // SAFETY: a live domain.
        ret::done(unsafe { virt_sys::virDomainManagedSaveRemove(dom.raw(), flags.0) })
    }

    fn managed_save_define_xml(dom: Obj<Domain>, xml: String, flags: Flags) -> Result<()> {
        let xml = c_string(&xml);
        // SAFETY: the string lives across the call.
        ret::done(unsafe { virt_sys::virDomainManagedSaveDefineXML(dom.raw(), xml.as_ptr(), flags.0) })
    }

    fn managed_save_get_xml_description(dom: Obj<Domain>, flags: Flags) -> Result<CText> {
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virDomainManagedSaveGetXMLDesc(dom.raw(), flags.0)) }
    }

    fn core_dump(dom: Obj<Domain>, to: String, flags: Flags) -> Result<()> {
        let to = c_string(&to);
        // SAFETY: the string lives across the call.
        ret::done(unsafe { virt_sys::virDomainCoreDump(dom.raw(), to.as_ptr(), flags.0) })
    }

    fn core_dump_format(dom: Obj<Domain>, to: String, format: u32, flags: Flags) -> Result<()> {
        let to = c_string(&to);
        // SAFETY: the string lives across the call.
        ret::done(unsafe { virt_sys::virDomainCoreDumpWithFormat(dom.raw(), to.as_ptr(), format, flags.0) })
    }
}

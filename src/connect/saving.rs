//! Sys::Virt: restoring a domain from a save file, and the XML kept in
//! save files.

use crate::bridge::{CText, Flags, HashArg, Obj};
use crate::domain::saving::SaveTarget;
use crate::libvirt::args::c_string;
use crate::libvirt::kinds::Connect;
use crate::libvirt::ret;

crate::xsubs! { "Sys::Virt";
    /// Without an XML or flags this is virDomainRestore, which every
    /// driver has; with a hash, virDomainRestoreParams.
    fn restore_domain(con: Obj<Connect>, from: Option<String>, dxml: Option<String>, params: Option<HashArg>, flags: Flags) -> Result<()> {
        let source = SaveTarget::from_args("Sys::Virt::restore_domain", "from", from, dxml, params)?;
        let con = con.raw();
        // SAFETY (all three): the source keeps the strings and the array alive across the call.
        source.call(
            flags,
            |array, count| unsafe { virt_sys::virDomainRestoreParams(con, array, count, flags.0) },
            |file| unsafe { virt_sys::virDomainRestore(con, file) },
            |file, dxml| unsafe { virt_sys::virDomainRestoreFlags(con, file, dxml, flags.0) },
        )
    }

    fn get_save_image_xml_description(con: Obj<Connect>, file: String, flags: Flags) -> Result<CText> {
        let file = c_string(&file);
        // SAFETY: libvirt hands the document over to us.
        unsafe { ret::owned_text(virt_sys::virDomainSaveImageGetXMLDesc(con.raw(), file.as_ptr(), flags.0)) }
    }

    fn define_save_image_xml(con: Obj<Connect>, file: String, xml: String, flags: Flags) -> Result<()> {
        let (file, xml) = (c_string(&file), c_string(&xml));
        // SAFETY: the strings live across the call.
        ret::done(unsafe { virt_sys::virDomainSaveImageDefineXML(con.raw(), file.as_ptr(), xml.as_ptr(), flags.0) })
    }
}
